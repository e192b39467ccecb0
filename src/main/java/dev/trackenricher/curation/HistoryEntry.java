package dev.trackenricher.curation;

import java.time.Instant;

/**
 * One manual change of a track: when, by whom, which field, what it did ({@code set} a value,
 * {@code unlocked} a field, {@code accepted} or {@code rejected} a review item), and the value before
 * and after (for a review decision the field is {@code review.<source>}).
 */
public record HistoryEntry(Instant at, String by, String field, String action, Object oldValue, Object newValue) {

    public static final String SET = "set";
    public static final String UNLOCKED = "unlocked";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
}
