package dev.trackenricher.enrich;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.status.EnrichmentResult;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one log line per enriched track, with its fields as structured key-value pairs. */
public final class TrackSummaryLog {

    private static final Logger log = LoggerFactory.getLogger(TrackSummaryLog.class);

    private TrackSummaryLog() {
    }

    public static void log(EnrichmentResult r) {
        String errors = r.attempts().stream()
                .filter(a -> (a.outcome() == Outcome.FAILED || a.outcome().retriable()) && a.error() != null)
                .map(a -> a.source() + ": " + a.error())
                .collect(Collectors.joining("; "));
        log.atInfo()
                .addKeyValue("track_id", r.trackId())
                .addKeyValue("correlation_id", r.correlationId())
                .addKeyValue("status", r.decision().status().wireName())
                .addKeyValue("sources_used", String.join(",", r.decision().sourcesUsed()))
                .addKeyValue("duration", r.durationMs())
                .addKeyValue("errors", errors)
                .log("track {} {} ({} sources) in {} ms", r.trackId(), r.decision().status().wireName(),
                        r.decision().sourcesEnriched(), r.durationMs());
    }
}
