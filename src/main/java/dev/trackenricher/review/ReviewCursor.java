package dev.trackenricher.review;

import dev.trackenricher.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the review queue ended: the last item's creation time and id (the queue's order),
 * handed to clients as an opaque token ({@code after}). Times keep PostgreSQL's microseconds, so
 * the next page starts exactly after the last item.
 */
public record ReviewCursor(Instant createdAt, UUID id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;

    public String token() {
        long micros = createdAt.getEpochSecond() * MICROS_PER_SECOND + createdAt.getNano() / NANOS_PER_MICRO;
        return ENCODER.encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** A token this service gave out; anything else is a 400 naming {@code after}. */
    public static ReviewCursor parse(String token) {
        try {
            String[] parts = new String(DECODER.decode(token.trim()), StandardCharsets.US_ASCII).split(":", 2);
            long micros = Long.parseLong(parts[0]);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * NANOS_PER_MICRO);
            return new ReviewCursor(at, UUID.fromString(parts[1]));
        } catch (RuntimeException notOurs) {
            throw ApiException.badRequest("after: \"" + (token.length() <= 40 ? token : token.substring(0, 40) + "…")
                    + "\" is not a cursor of this queue (pass the \"next\" of the previous page)");
        }
    }
}
