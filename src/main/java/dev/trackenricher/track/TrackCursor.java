package dev.trackenricher.track;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a listing ended: the last track's (created_at, id) and the order it was read in.
 * Opaque to clients (base64url); a client passes it back as {@code after} to read the next page.
 */
record TrackCursor(TrackOrder order, Instant createdAt, UUID id) {

    private static final String VERSION = "1";

    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        String plain = VERSION + "|" + order.wireName() + "|" + micros + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is no cursor this service gave */
    static TrackCursor decode(String text) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor this service gave (pass back the \"next\" of the previous page)");
        }
        String[] parts = plain.split("\\|", -1);
        TrackOrder order = parts.length == 4 && parts[0].equals(VERSION) ? TrackOrder.byName(parts[1]) : null;
        if (order == null) {
            throw new IllegalArgumentException("not a cursor this service gave (pass back the \"next\" of the previous page)");
        }
        try {
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[2]), ChronoUnit.MICROS);
            return new TrackCursor(order, at, UUID.fromString(parts[3]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor this service gave (pass back the \"next\" of the previous page)");
        }
    }
}
