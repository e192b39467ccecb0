package dev.trackenricher.batch.reprocess;

import dev.trackenricher.status.ResetCandidate;
import dev.trackenricher.status.TrackStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a reprocess run found and did: the tracks it took (as they stood before), counts by status and
 * by failing source, the track ids asked for that do not exist ({@code notFound}) or were not taken
 * ({@code notSelected}, with their status), and how many rows it reset (0 on a dry run).
 *
 * @param bySource           failing source → outcome → tracks
 * @param enrichJobExecutionId the enrich run started for the reset tracks (--trigger-now), if any
 */
public record ReprocessSummary(long jobExecutionId, ReprocessFilter filter, boolean dryRun, int matched, int reset,
                               Map<String, Integer> byStatus, int retriable, Map<String, Map<String, Integer>> bySource,
                               List<ResetCandidate> tracks, List<UUID> notFound, Map<UUID, TrackStatus> notSelected,
                               Long enrichJobExecutionId) {

    static ReprocessSummary of(long jobExecutionId, ReprocessFilter filter, List<ResetCandidate> tracks, int reset,
                               Map<UUID, TrackStatus> knownStatuses) {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        TrackStatus.RESETTABLE.forEach(s -> byStatus.put(s.wireName(), 0));
        Map<String, Map<String, Integer>> bySource = new TreeMap<>();
        int retriable = 0;
        for (ResetCandidate t : tracks) {
            byStatus.merge(t.status().wireName(), 1, Integer::sum);
            retriable += t.isRetriable() ? 1 : 0;
            for (ResetCandidate.FailingSource f : t.failingSources()) {
                bySource.computeIfAbsent(f.source(), k -> new TreeMap<>()).merge(f.outcome(), 1, Integer::sum);
            }
        }
        List<UUID> taken = tracks.stream().map(ResetCandidate::trackId).toList();
        List<UUID> notFound = filter.trackIds().stream().filter(id -> !knownStatuses.containsKey(id)).toList();
        Map<UUID, TrackStatus> notSelected = new LinkedHashMap<>();
        filter.trackIds().stream().filter(id -> knownStatuses.containsKey(id) && !taken.contains(id))
                .forEach(id -> notSelected.put(id, knownStatuses.get(id)));
        return new ReprocessSummary(jobExecutionId, filter, filter.dryRun(), tracks.size(), reset, byStatus, retriable, bySource,
                tracks, notFound, notSelected, null);
    }

    ReprocessSummary withEnrichJobExecutionId(long id) {
        return new ReprocessSummary(jobExecutionId, filter, dryRun, matched, reset, byStatus, retriable, bySource, tracks, notFound,
                notSelected, id);
    }

    public List<UUID> trackIds() {
        return tracks.stream().map(ResetCandidate::trackId).toList();
    }
}
