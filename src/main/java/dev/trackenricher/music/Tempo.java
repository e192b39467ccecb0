package dev.trackenricher.music;

import java.util.Optional;

/** Tempo as the sources give it (a float, sometimes a string): kept to one decimal, positive only. */
public final class Tempo {

    private Tempo() {
    }

    /** The tempo rounded to 0.1 BPM; empty for zero, negative or non-finite values (an API's "unknown"). */
    public static Optional<Double> bpm(double raw) {
        if (!Double.isFinite(raw) || raw <= 0) {
            return Optional.empty();
        }
        return Optional.of(Math.round(raw * 10) / 10.0);
    }
}
