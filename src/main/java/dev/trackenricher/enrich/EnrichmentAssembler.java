package dev.trackenricher.enrich;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.status.EnrichmentResult;
import dev.trackenricher.status.PreviousAttempt;
import dev.trackenricher.status.SourceAttempt;
import dev.trackenricher.status.StatusDecision;
import dev.trackenricher.status.TrackToEnrich;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The step after the fan-out: seals the track's context, fails every planned source that gave no
 * result in time, merges the data of every source that found the track (now or before), and applies
 * the status rules.
 */
@Component
public class EnrichmentAssembler {

    private final SourcesProperties sources;
    private final StatusRules rules;
    private final MetadataMerger merger;
    private final Clock clock;
    private final Duration fanoutTimeout;

    public EnrichmentAssembler(SourcesProperties sources, RetrySettings retry, MergeSettings merge, ConsensusSettings consensus, Clock clock,
                               @Value("${enricher.fanout.timeout:60000}") Duration fanoutTimeout) {
        this.sources = sources;
        this.rules = new StatusRules(retry);
        this.merger = new MetadataMerger(merge, consensus);
        this.clock = clock;
        this.fanoutTimeout = fanoutTimeout;
    }

    public EnrichmentResult assemble(@ExchangeProperty(EnrichmentContext.PROPERTY) EnrichmentContext context) {
        Map<String, SourceResult> attempted = new LinkedHashMap<>(context.seal());
        String missing = context.branchErrors().isEmpty()
                ? "no answer within the fan-out timeout of " + fanoutTimeout.toMillis() + " ms"
                : "branch error: " + String.join("; ", context.branchErrors());
        for (String source : context.plan()) {
            attempted.computeIfAbsent(source, s -> SourceResult.of(s, Outcome.FAILED, missing));
        }
        return conclude(context, attempted);
    }

    /** When the fan-out itself could not run: every planned source failed with this error. */
    public EnrichmentResult failAll(EnrichmentContext context, String error) {
        Map<String, SourceResult> attempted = new LinkedHashMap<>();
        context.seal();
        for (String source : context.plan()) {
            attempted.put(source, SourceResult.of(source, Outcome.FAILED, error));
        }
        return conclude(context, attempted);
    }

    private EnrichmentResult conclude(EnrichmentContext context, Map<String, SourceResult> attempted) {
        Instant now = clock.instant();
        TrackToEnrich track = context.track();
        Map<String, Outcome> effective = new LinkedHashMap<>();
        Map<String, Map<String, Object>> foundData = new LinkedHashMap<>();
        Map<String, Double> confidences = new LinkedHashMap<>();
        for (String source : sources.sources().keySet()) {
            SourceResult result = attempted.get(source);
            PreviousAttempt previous = track.previous().get(source);
            if (result != null) {
                effective.put(source, result.outcome());
                if (result.outcome() == Outcome.FOUND) {
                    foundData.put(source, result.fields());
                    putIfKnown(confidences, source, result.confidence());
                }
            } else if (previous != null) {
                effective.put(source, previous.outcome());
                if (previous.outcome() == Outcome.FOUND) {
                    foundData.put(source, previous.data());
                    putIfKnown(confidences, source, previous.confidence());
                }
            }
        }
        StatusDecision decision = rules.decide(effective, attempted, track.retryCount(), now);
        Map<String, Object> metadata = merger.merge(foundData, confidences, decision.sourcesUsed(), now);
        List<SourceAttempt> attempts = new ArrayList<>();
        attempted.values().forEach(r -> attempts.add(new SourceAttempt(r.source(), r.outcome(), r.error(),
                r.outcome() == Outcome.FOUND ? r.fields() : null, r.confidence())));
        long duration = Duration.between(context.startedAt(), now).toMillis();
        return new EnrichmentResult(track.trackId(), track.claimToken(), context.correlationId(), decision, metadata,
                attempts, now, duration);
    }

    private static void putIfKnown(Map<String, Double> confidences, String source, Double confidence) {
        if (confidence != null) {
            confidences.put(source, confidence);
        }
    }
}
