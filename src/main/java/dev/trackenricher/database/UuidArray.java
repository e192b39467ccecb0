package dev.trackenricher.database;

import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Any number of ids as one SQL parameter: a PostgreSQL array literal, cast in the statement
 * ({@code = ANY(?::uuid[])}). Built from UUID values only, so nothing else can reach the SQL.
 */
public final class UuidArray {

    private UuidArray() {
    }

    /** {@code {id,id,…}}, or null for none (so {@code ?::uuid[] IS NULL} means "any"). */
    public static String of(Collection<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            return null;
        }
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
