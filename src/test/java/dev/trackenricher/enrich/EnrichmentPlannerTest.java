package dev.trackenricher.enrich;

import dev.trackenricher.status.PreviousAttempt;
import dev.trackenricher.status.TrackToEnrich;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceSettings;
import dev.trackenricher.source.SourcesProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnrichmentPlannerTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void asksEverySourceThatHasNotAnsweredAndNotFoundOnlyAfterItsTtl() {
        Map<String, SourceSettings> config = new TreeMap<>();
        for (String s : new String[] {"found", "fresh-not-found", "stale-not-found", "failed", "short", "limited", "skipped", "new"}) {
            config.put(s, settings(Duration.ofDays(30)));
        }
        EnrichmentPlanner planner = new EnrichmentPlanner(new SourcesProperties(config, "ua"), Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, PreviousAttempt> previous = Map.of(
                "found", previous("found", Outcome.FOUND, 400),
                "fresh-not-found", previous("fresh-not-found", Outcome.NOT_FOUND, 29),
                "stale-not-found", previous("stale-not-found", Outcome.NOT_FOUND, 31),
                "failed", previous("failed", Outcome.FAILED, 0),
                "short", previous("short", Outcome.SHORT_CIRCUITED, 0),
                "limited", previous("limited", Outcome.RATE_LIMITED, 0),
                "skipped", previous("skipped", Outcome.SKIPPED, 0));
        TrackToEnrich track = new TrackToEnrich(UUID.randomUUID(), UUID.randomUUID(), "A", "T", null, null, null, 0, previous);

        assertThat(planner.plan(track)).containsExactlyInAnyOrder("stale-not-found", "failed", "short", "limited", "skipped", "new");
    }

    @Test
    void aTrackResetForOneSourceIsAskedThatSourceAlone() {
        Map<String, SourceSettings> config = new TreeMap<>();
        for (String s : new String[] {"spotify", "discogs", "lastfm", "musicbrainz"}) {
            config.put(s, settings(Duration.ofDays(30)));
        }
        EnrichmentPlanner planner = new EnrichmentPlanner(new SourcesProperties(config, "ua"), Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, PreviousAttempt> previous = Map.of(
                "spotify", previous("spotify", Outcome.FAILED, 0),
                "discogs", previous("discogs", Outcome.FAILED, 0),
                "lastfm", previous("lastfm", Outcome.FOUND, 0));
        TrackToEnrich track = new TrackToEnrich(UUID.randomUUID(), UUID.randomUUID(), "A", "T", null, null, null, 0, previous,
                java.util.Set.of("spotify"));

        assertThat(planner.plan(track)).containsExactly("spotify");
    }

    @Test
    void needsReviewWaitsLikeNotFoundAPersonsDecisionIsNotAskedAgainAndACorrectionsMarkIs() {
        Map<String, SourceSettings> config = new TreeMap<>();
        for (String s : new String[] {"fresh-review", "stale-review", "accepted", "rejected", "corrected", "corrected-found"}) {
            config.put(s, settings(Duration.ofDays(30)));
        }
        EnrichmentPlanner planner = new EnrichmentPlanner(new SourcesProperties(config, "ua"), Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, PreviousAttempt> previous = Map.of(
                "fresh-review", previous("fresh-review", Outcome.NEEDS_REVIEW, 29),
                "stale-review", previous("stale-review", Outcome.NEEDS_REVIEW, 31),
                "accepted", decided("accepted", Outcome.FOUND, false),
                "rejected", decided("rejected", Outcome.NOT_FOUND, false),
                "corrected", decided("corrected", Outcome.NOT_FOUND, true),
                "corrected-found", new PreviousAttempt("corrected-found", Outcome.FOUND, 1, NOW, null, Map.of(), 0.9, null, true));
        TrackToEnrich track = new TrackToEnrich(UUID.randomUUID(), UUID.randomUUID(), "A", "T", null, null, null, 0, previous);

        assertThat(planner.plan(track)).containsExactlyInAnyOrder("stale-review", "corrected", "corrected-found");
    }

    /** A person's decision a year ago, long past any not-found TTL. */
    private static PreviousAttempt decided(String source, Outcome outcome, boolean askAgain) {
        return new PreviousAttempt(source, outcome, 1, NOW.minus(Duration.ofDays(365)), null, Map.of(), 1.0, PreviousAttempt.CURATOR, askAgain);
    }

    private static PreviousAttempt previous(String source, Outcome outcome, int daysAgo) {
        return new PreviousAttempt(source, outcome, 1, NOW.minus(Duration.ofDays(daysAgo)), null, Map.of(), null);
    }

    private static SourceSettings settings(Duration notFoundTtl) {
        return new SourceSettings(true, null, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofSeconds(1),
                Duration.ofSeconds(1), null, Duration.ofDays(1), notFoundTtl, 10, null, null);
    }
}
