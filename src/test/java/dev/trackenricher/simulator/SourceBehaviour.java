package dev.trackenricher.simulator;

import java.util.List;

/**
 * One simulated API's behaviour: latency, failures, its rate limit (requests allowed in a rolling
 * window, enforced the way the real API does) and how much of the catalogue it knows.
 */
public record SourceBehaviour(
        Latency latency,
        double failureRate,
        List<Fault> faults,
        boolean enforceLimit,
        double limitPerSecond,
        double windowSeconds,
        double knownFraction,
        long hangMillis) {

    public SourceBehaviour {
        faults = List.copyOf(faults);
    }

    public SourceBehaviour withLatency(Latency l) {
        return new SourceBehaviour(l, failureRate, faults, enforceLimit, limitPerSecond, windowSeconds, knownFraction, hangMillis);
    }

    public SourceBehaviour withFailures(double rate, List<Fault> kinds) {
        return new SourceBehaviour(latency, rate, kinds, enforceLimit, limitPerSecond, windowSeconds, knownFraction, hangMillis);
    }

    public SourceBehaviour withLimit(boolean enforce) {
        return new SourceBehaviour(latency, failureRate, faults, enforce, limitPerSecond, windowSeconds, knownFraction, hangMillis);
    }

    public SourceBehaviour withKnownFraction(double fraction) {
        return new SourceBehaviour(latency, failureRate, faults, enforceLimit, limitPerSecond, windowSeconds, fraction, hangMillis);
    }

    public SourceBehaviour withHang(long millis) {
        return new SourceBehaviour(latency, failureRate, faults, enforceLimit, limitPerSecond, windowSeconds, knownFraction, millis);
    }

    /** Requests the API allows in any window. */
    public int allowedPerWindow() {
        return (int) Math.floor(limitPerSecond * windowSeconds + 1e-9);
    }
}
