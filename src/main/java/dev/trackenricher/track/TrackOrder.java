package dev.trackenricher.track;

import java.util.Locale;

/** The order of a listing: by when a track was added, then by id (unique, so a page boundary is exact). */
public enum TrackOrder {
    NEWEST("DESC", "<"),
    OLDEST("ASC", ">");

    final String direction;
    /** how the keyset condition compares (created_at, id) with the cursor's */
    final String after;

    TrackOrder(String direction, String after) {
        this.direction = direction;
        this.after = after;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the order, or null when the name is none of them */
    static TrackOrder byName(String name) {
        for (TrackOrder o : values()) {
            if (o.wireName().equals(name)) {
                return o;
            }
        }
        return null;
    }
}
