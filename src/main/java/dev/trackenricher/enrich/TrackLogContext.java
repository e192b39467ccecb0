package dev.trackenricher.enrich;

import org.apache.camel.Exchange;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Puts the track's correlation id (and track id, and the branch's source as {@code api}) into the
 * logging MDC of the thread that works on it, so every line a branch logs on Camel's parallel
 * threads can be joined to the track's summary line. The branch route sets it in its first step and
 * clears it in its last, because pool threads are reused by other tracks.
 *
 * <p>Explicit steps rather than Camel's MDC propagation: the keys are ours, set where the context is
 * known, and cleared where the branch ends, whatever thread the multicast gives it.
 */
@Component("trackLogContext")
public class TrackLogContext {

    public static final String CORRELATION_ID = "correlation_id";
    public static final String TRACK_ID = "track_id";
    /** named like the metrics' label; "source" is a reserved field group in ECS */
    public static final String API = "api";

    /** First step of a source branch. */
    public void enter(Exchange exchange) {
        EnrichmentContext context = exchange.getProperty(EnrichmentContext.PROPERTY, EnrichmentContext.class);
        put(context);
        String source = exchange.getProperty(Branch.SOURCE, String.class);
        if (context != null && source != null) {
            MDC.put(API, source);
        }
    }

    /** Last step of a source branch. */
    public void exit() {
        clear();
    }

    /** The track's keys on this thread (the enrich route's own thread, a branch's thread). */
    public static void put(EnrichmentContext context) {
        if (context == null) {
            return;
        }
        MDC.put(CORRELATION_ID, context.correlationId());
        MDC.put(TRACK_ID, String.valueOf(context.track().trackId()));
    }

    public static void clear() {
        MDC.remove(CORRELATION_ID);
        MDC.remove(TRACK_ID);
        MDC.remove(API);
    }
}
