package dev.trackenricher.enrich;

import dev.trackenricher.status.StatusDecision;
import dev.trackenricher.status.TrackStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusRulesTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    final StatusRules rules = new StatusRules(new RetrySettings(3, Duration.ofMinutes(5), Duration.ofHours(1)));

    @Test
    void twoFoundIsCompletedOneIsPartialNoneIsFailed() {
        assertThat(decide(Map.of("a", Outcome.FOUND, "b", Outcome.FOUND, "c", Outcome.NOT_FOUND), 0).status()).isEqualTo(TrackStatus.COMPLETED);
        assertThat(decide(Map.of("a", Outcome.FOUND, "b", Outcome.NOT_FOUND), 0).status()).isEqualTo(TrackStatus.PARTIAL);
        StatusDecision none = decide(Map.of("a", Outcome.NOT_FOUND, "b", Outcome.SKIPPED), 0);
        assertThat(none.status()).isEqualTo(TrackStatus.FAILED);
        assertThat(none.errorMessage()).startsWith(StatusRules.NO_DATA);
        assertThat(none.sourcesEnriched()).isZero();
    }

    @Test
    void sourcesEnrichedCountsAndNamesTheFoundSources() {
        StatusDecision d = decide(Map.of("spotify", Outcome.FOUND, "musicbrainz", Outcome.FOUND, "discogs", Outcome.FAILED), 0);
        assertThat(d.sourcesEnriched()).isEqualTo(2);
        assertThat(d.sourcesUsed()).containsExactlyInAnyOrder("spotify", "musicbrainz");
    }

    @Test
    void shortCircuitedOrRateLimitedIsRetriableAndDoesNotCountARetry() {
        StatusDecision d = decide(Map.of("a", Outcome.FOUND, "b", Outcome.SHORT_CIRCUITED, "c", Outcome.FAILED), 2);
        assertThat(d.retriable()).isTrue();
        assertThat(d.retryCount()).isEqualTo(2);
        assertThat(decide(Map.of("a", Outcome.RATE_LIMITED), 0).retriable()).isTrue();
    }

    @Test
    void otherFailuresCountARetryAndBackOffExponentially() {
        StatusDecision first = decide(Map.of("a", Outcome.FOUND, "b", Outcome.FAILED), 0);
        assertThat(first.retriable()).isFalse();
        assertThat(first.retryCount()).isEqualTo(1);
        assertThat(first.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(decide(Map.of("b", Outcome.FAILED), 1).nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(decide(Map.of("b", Outcome.FAILED), 2).nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
    }

    @Test
    void pastMaxRetriesATrackIsNoLongerDue() {
        assertThat(decide(Map.of("b", Outcome.FAILED), 2).nextAttemptAt()).isNotNull();
        StatusDecision exhausted = decide(Map.of("b", Outcome.FAILED), 3);
        assertThat(exhausted.retryCount()).isEqualTo(4);
        assertThat(exhausted.nextAttemptAt()).isNull();
    }

    @Test
    void nothingLeftToAskMeansNotDue() {
        assertThat(decide(Map.of("a", Outcome.FOUND, "b", Outcome.NOT_FOUND, "c", Outcome.SKIPPED), 0).nextAttemptAt()).isNull();
    }

    @Test
    void keptOutcomesCountButOnlyThisAttemptsErrorsAreReported() {
        Map<String, Outcome> effective = Map.of("a", Outcome.FOUND, "b", Outcome.FOUND, "c", Outcome.FAILED);
        Map<String, SourceResult> attempted = Map.of("c", SourceResult.of("c", Outcome.FAILED, "HTTP 500"));
        StatusDecision d = rules.decide(effective, attempted, 0, NOW);
        assertThat(d.status()).isEqualTo(TrackStatus.COMPLETED);
        assertThat(d.errorMessage()).isEqualTo("c failed: HTTP 500");
    }

    @Test
    void aTrackRateLimitedByAPausedSourceIsDueNoEarlierThanThePausesEnd() {
        Map<String, Outcome> effective = Map.of("a", Outcome.FOUND, "b", Outcome.FOUND, "spotify", Outcome.RATE_LIMITED);
        Map<String, SourceResult> attempted = Map.of("spotify", SourceResult.of("spotify", Outcome.RATE_LIMITED, "quota spent"));
        Instant pauseEnd = NOW.plusSeconds(40_000);

        StatusDecision paused = rules.decide(effective, attempted, 0, NOW, Map.of("spotify", pauseEnd));

        assertThat(paused.status()).isEqualTo(TrackStatus.COMPLETED);
        assertThat(paused.retriable()).isTrue();
        assertThat(paused.retryCount()).isZero();
        assertThat(paused.nextAttemptAt()).isEqualTo(pauseEnd);
        // a pause shorter than the back-off changes nothing; a pause of a source that answered neither
        assertThat(rules.decide(effective, attempted, 0, NOW, Map.of("spotify", NOW.plusSeconds(3))).nextAttemptAt())
                .isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(rules.decide(effective, attempted, 0, NOW, Map.of("a", pauseEnd)).nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void theHintsOfARateLimitedResultSayWhenItsSourceMayBeAskedAgain() {
        Instant until = NOW.plusSeconds(3600);
        SourceResult blocked = SourceResult.of("getsongbpm", Outcome.RATE_LIMITED, "blocked")
                .with(dev.trackenricher.source.Hint.retryAfter(Duration.ofSeconds(30)))
                .with(new dev.trackenricher.source.Hint.PauseUntil(until, "key blocked"));
        assertThat(SourceHints.notBefore(blocked, NOW)).contains(until);
        assertThat(SourceHints.notBefore(SourceResult.of("x", Outcome.RATE_LIMITED, "no permit"), NOW)).isEmpty();
        assertThat(SourceHints.notBefore(SourceResult.of("x", Outcome.RATE_LIMITED, "busy")
                .with(dev.trackenricher.source.Hint.retryAfter(Duration.ofSeconds(30))), NOW)).contains(NOW.plusSeconds(30));
    }

    @Test
    void needsReviewCountsLikeNotFoundNotFoundYetAndNoFailure() {
        StatusDecision review = decide(Map.of("a", Outcome.FOUND, "b", Outcome.NEEDS_REVIEW), 1);
        StatusDecision notFound = decide(Map.of("a", Outcome.FOUND, "b", Outcome.NOT_FOUND), 1);
        assertThat(review).isEqualTo(notFound);
        assertThat(review.status()).isEqualTo(TrackStatus.PARTIAL);
        assertThat(review.retriable()).isFalse();
        assertThat(review.retryCount()).isEqualTo(1);
        assertThat(review.nextAttemptAt()).isNull();
        assertThat(review.errorMessage()).isNull();
        assertThat(decide(Map.of("b", Outcome.NEEDS_REVIEW), 0).errorMessage()).isEqualTo(StatusRules.NO_DATA);
    }

    private StatusDecision decide(Map<String, Outcome> outcomes, int retries) {
        Map<String, Outcome> effective = new LinkedHashMap<>(outcomes);
        Map<String, SourceResult> attempted = new LinkedHashMap<>();
        outcomes.forEach((s, o) -> attempted.put(s, SourceResult.of(s, o, o == Outcome.FOUND ? null : "why " + s)));
        return rules.decide(effective, attempted, retries, NOW);
    }
}
