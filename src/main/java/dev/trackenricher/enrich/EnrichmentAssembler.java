package dev.trackenricher.enrich;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.limits.RateLimits;
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
import java.util.Optional;
import java.util.UUID;
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
    private final RateLimits limits;

    public EnrichmentAssembler(SourcesProperties sources, RetrySettings retry, MergeSettings merge, ConsensusSettings consensus, Clock clock,
                               RateLimits limits,
                               @Value("${enricher.fanout.timeout:60000}") Duration fanoutTimeout) {
        this.sources = sources;
        this.limits = limits;
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

    /**
     * For each rate-limited source, when it may be asked again: the end of the pause its answer asked
     * for (at most the longest pause allowed) or of the pause in force now, whichever is later.
     */
    private Map<String, Instant> notBefore(Map<String, SourceResult> attempted, Instant now) {
        Map<String, Instant> out = new LinkedHashMap<>();
        for (SourceResult r : attempted.values()) {
            if (r.outcome() != Outcome.RATE_LIMITED) {
                continue;
            }
            Optional<Instant> asked = SourceHints.notBefore(r, now).map(limits::withinMaxPause);
            Optional<Instant> inForce = limits.pausedUntil(r.source());
            asked.ifPresent(a -> out.merge(r.source(), a, EnrichmentAssembler::later));
            inForce.ifPresent(p -> out.merge(r.source(), p, EnrichmentAssembler::later));
        }
        return out;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * What a person's decision about one source leads to (a review candidate accepted: its data,
     * found, confidence 1.0; all rejected: not_found): merged with everything the track has, under
     * the status rules, as one attempt of that source with this provenance.
     */
    public EnrichmentResult decided(TrackToEnrich track, SourceResult decision, String provenance) {
        Instant now = clock.instant();
        return conclude(track, UUID.randomUUID().toString(), now, Map.of(decision.source(), decision), provenance);
    }

    /**
     * The track's metadata merged again from what its sources found before, with its locks (after a
     * correction or a released lock): no source is asked, {@code enriched_at} stays as given (none
     * for a track never enriched).
     */
    public Map<String, Object> remerge(TrackToEnrich track, Instant enrichedAt) {
        Map<String, Map<String, Object>> foundData = new LinkedHashMap<>();
        for (String source : sources.sources().keySet()) {
            PreviousAttempt previous = track.previous().get(source);
            if (previous != null && previous.outcome() == Outcome.FOUND) {
                foundData.put(source, previous.data());
            }
        }
        Map<String, Object> merged = new LinkedHashMap<>(merger.merge(foundData, List.copyOf(foundData.keySet()),
                enrichedAt == null ? clock.instant() : enrichedAt));
        if (enrichedAt == null) {
            merged.remove("enriched_at");
        }
        return LockedFields.apply(merged, foundData, track.locks());
    }

    private EnrichmentResult conclude(EnrichmentContext context, Map<String, SourceResult> attempted) {
        return conclude(context.track(), context.correlationId(), context.startedAt(), attempted, null);
    }

    private EnrichmentResult conclude(TrackToEnrich track, String correlationId, Instant startedAt, Map<String, SourceResult> attempted,
                                      String provenance) {
        Instant now = clock.instant();
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
        StatusDecision decision = rules.decide(effective, attempted, track.retryCount(), now, notBefore(attempted, now));
        // the locks are laid over the merge as a step of their own: the merger knows nothing of them
        Map<String, Object> metadata = LockedFields.apply(merger.merge(foundData, confidences, decision.sourcesUsed(), now), foundData,
                track.locks());
        List<SourceAttempt> attempts = new ArrayList<>();
        attempted.values().forEach(r -> attempts.add(new SourceAttempt(r.source(), r.outcome(), r.error(),
                r.outcome() == Outcome.FOUND ? r.fields() : null, r.confidence(), r.candidates(), provenance)));
        long duration = Duration.between(startedAt, now).toMillis();
        return new EnrichmentResult(track.trackId(), track.claimToken(), correlationId, decision, metadata,
                attempts, now, duration);
    }

    private static void putIfKnown(Map<String, Double> confidences, String source, Double confidence) {
        if (confidence != null) {
            confidences.put(source, confidence);
        }
    }
}
