package dev.trackenricher.source.breaker;

import dev.trackenricher.credentials.CredentialStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What takes a source, or one feature of it, out of service besides its breaker (per instance):
 * a stop after the API refused our configuration (an invalid key), and optional features it
 * refused (Spotify's audio features). Both last until an operator resets the source; a stop also
 * ends as soon as the source's credentials change, on every instance once it sees the change (it
 * was about the old ones).
 */
@Component
public class SourceStops {

    private static final Logger log = LoggerFactory.getLogger(SourceStops.class);

    private final Map<String, String> stopped = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> featuresOff = new ConcurrentHashMap<>();

    public SourceStops(CredentialStore credentials) {
        credentials.onChange(this::liftStop);
    }

    /** Stops calling a source until its credentials change or a reset, e.g. after "invalid API key". */
    public void stop(String source, String reason) {
        if (stopped.put(source, reason) == null) {
            log.error("{} stopped: {}", source, reason);
        }
    }

    /** Lifts a stop without touching the breaker (the source's credentials changed: the stop was about the old ones). */
    public void liftStop(String source) {
        String reason = stopped.remove(source);
        if (reason != null) {
            log.info("{}: stop lifted, its credentials changed (it was stopped: {})", source, reason);
        }
    }

    public Optional<String> stoppedReason(String source) {
        return Optional.ofNullable(stopped.get(source));
    }

    /** Switches one optional feature of a source off until a reset. */
    public void featureOff(String source, String feature, String reason) {
        if (featuresOff.computeIfAbsent(source, s -> new ConcurrentHashMap<>()).putIfAbsent(feature, reason) == null) {
            log.warn("{}: {} switched off: {}", source, feature, reason);
        }
    }

    /** The features switched off, and why. */
    public Map<String, String> featuresOff(String source) {
        Map<String, String> off = featuresOff.get(source);
        return off == null ? Map.of() : Map.copyOf(off);
    }

    /** The names of the features switched off (what a request carries). */
    public Set<String> featureNamesOff(String source) {
        Map<String, String> off = featuresOff.get(source);
        return off == null || off.isEmpty() ? Set.of() : Set.copyOf(off.keySet());
    }

    /** Lifts a stop and every switched-off feature (an operator's reset). */
    public void reset(String source) {
        stopped.remove(source);
        featuresOff.remove(source);
    }
}
