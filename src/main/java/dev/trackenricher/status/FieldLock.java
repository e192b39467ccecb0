package dev.trackenricher.status;

import java.time.Instant;

/**
 * A field of a track's merged metadata that a person set: enrichment keeps its value (a source's
 * differing value goes under {@code conflicts}). Written by {@code curation}; read with a claimed track.
 */
public record FieldLock(String field, Object value, Instant setAt, String setBy) {
}
