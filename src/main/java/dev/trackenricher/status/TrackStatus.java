package dev.trackenricher.status;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * Where a track stands in its enrichment (the {@code status} of its enrichment_status row, whose
 * CHECK constraint lists the same five wire names). A track is born {@link #PENDING}, is
 * {@link #IN_PROGRESS} while a run holds its claim, and each run leaves it {@link #COMPLETED},
 * {@link #PARTIAL} or {@link #FAILED} (the rules are {@code enrich.StatusRules}).
 */
public enum TrackStatus {
    PENDING,
    IN_PROGRESS,
    COMPLETED,
    PARTIAL,
    FAILED;

    /** The statuses a reprocess run resets to pending (a failed or partial enrichment). */
    public static final List<TrackStatus> RESETTABLE = List.of(FAILED, PARTIAL);

    /** As stored and shown: {@code in_progress}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TrackStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean resettable() {
        return RESETTABLE.contains(this);
    }
}
