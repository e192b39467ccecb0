package dev.trackenricher.api;

import java.util.UUID;

/** Reading a path, query or body value that must have a form, with a 400 naming the field when it has not. */
public final class Params {

    private static final int SHOWN = 40;

    private Params() {
    }

    /** A value that must be a UUID. */
    public static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value == null ? "" : value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field + ": \"" + shorten(String.valueOf(value)) + "\" is not a UUID");
        }
    }

    /** A value quoted back in an error, cut so that a huge one does not fill the answer. */
    static String shorten(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
    }
}
