package dev.trackenricher.simulator;

import dev.trackenricher.support.wire.StubLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The whole simulator: seed, port, catalogue size and each API's behaviour. {@link #realistic()}
 * gives each API its documented limits; tests and benchmarks change what they need.
 */
public record SimulatorConfig(long seed, int port, int syntheticTracks, Map<String, SourceBehaviour> sources) {

    public static final List<String> SOURCES = StubLayout.SOURCES;
    static final List<Fault> ALL_FAULTS = List.of(Fault.ERROR_500, Fault.TIMEOUT, Fault.HTML, Fault.TRUNCATED);

    public SimulatorConfig {
        sources = Map.copyOf(sources);
    }

    /** Documented limits, a little latency, no failures. */
    public static SimulatorConfig realistic() {
        Map<String, SourceBehaviour> s = new LinkedHashMap<>();
        Latency l = Latency.parse("normal:60:15");
        // Spotify: rolling 30 s window (its budget is unpublished; 10/s as configured by default)
        s.put("spotify", new SourceBehaviour(l, 0, ALL_FAULTS, true, 10, 30, 0.95, 30_000));
        // MusicBrainz: 1 request per second per client IP
        s.put("musicbrainz", new SourceBehaviour(l, 0, ALL_FAULTS, true, 1, 1, 0.9, 30_000));
        // Discogs: 60 per minute, moving window
        s.put("discogs", new SourceBehaviour(l, 0, ALL_FAULTS, true, 1, 60, 0.75, 30_000));
        // Last.fm: 5 per second averaged over 5 minutes
        s.put("lastfm", new SourceBehaviour(l, 0, ALL_FAULTS, true, 5, 300, 0.9, 30_000));
        // AcousticBrainz: 10 per 10 seconds
        s.put("acousticbrainz", new SourceBehaviour(l, 0, ALL_FAULTS, true, 1, 10, 0.6, 30_000));
        // GetSongBPM: 3,000 per hour per key
        s.put("getsongbpm", new SourceBehaviour(l, 0, ALL_FAULTS, true, 3000.0 / 3600, 3600, 0.7, 30_000));
        return new SimulatorConfig(42, 0, 2000, s);
    }

    public SimulatorConfig withPort(int p) {
        return new SimulatorConfig(seed, p, syntheticTracks, sources);
    }

    public SimulatorConfig withSeed(long s) {
        return new SimulatorConfig(s, port, syntheticTracks, sources);
    }

    public SimulatorConfig withSyntheticTracks(int n) {
        return new SimulatorConfig(seed, port, n, sources);
    }

    /** The same change to every API. */
    public SimulatorConfig all(UnaryOperator<SourceBehaviour> change) {
        Map<String, SourceBehaviour> s = new LinkedHashMap<>();
        sources.forEach((k, v) -> s.put(k, change.apply(v)));
        return new SimulatorConfig(seed, port, syntheticTracks, s);
    }

    public SimulatorConfig source(String name, UnaryOperator<SourceBehaviour> change) {
        if (!sources.containsKey(name)) {
            throw new IllegalArgumentException("unknown source " + name + " (one of " + SOURCES + ")");
        }
        Map<String, SourceBehaviour> s = new LinkedHashMap<>(sources);
        s.put(name, change.apply(s.get(name)));
        return new SimulatorConfig(seed, port, syntheticTracks, s);
    }
}
