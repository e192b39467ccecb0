package dev.trackenricher.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.support.BatchJobSlice;
import dev.trackenricher.support.StatusRows;
import dev.trackenricher.track.NewTrack;
import dev.trackenricher.track.TrackRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The owner of enrichment_status and enrichment_source_status, on a real PostgreSQL. */
@BatchJobSlice
class TrackStatusRepositoryTest {

    static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(10);

    @Autowired
    TrackStatusRepository statuses;
    @Autowired
    TrackRepository tracks;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void cleanSlate() {
        jdbc.execute("TRUNCATE tracks, enrichment_status, enrichment_source_status CASCADE");
    }

    @Test
    void everyStatusAndOutcomeIsANameTheSchemaAccepts() {
        assertThat(checkedValues("enrichment_status", "status"))
                .isEqualTo(Arrays.stream(TrackStatus.values()).map(TrackStatus::wireName).collect(Collectors.toCollection(TreeSet::new)));
        assertThat(checkedValues("enrichment_source_status", "outcome"))
                .isEqualTo(Arrays.stream(Outcome.values()).map(Outcome::wireName).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void aTrackIsBornPendingAndDueAndEveryStatusIsCounted() {
        List<UUID> ids = add(3);

        assertThat(statuses.countByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(TrackStatus.PENDING, 3L,
                TrackStatus.IN_PROGRESS, 0L, TrackStatus.COMPLETED, 0L, TrackStatus.PARTIAL, 0L, TrackStatus.FAILED, 0L));
        assertThat(statuses.countDue(CLAIM_TIMEOUT, List.of())).isEqualTo(3);
        assertThat(statuses.statuses(ids)).containsOnlyKeys(ids).containsValues(TrackStatus.PENDING);
        assertThat(statuses.find(ids.get(0))).get().extracting(TrackStatusView::status).isEqualTo(TrackStatus.PENDING);
    }

    @Test
    void aResultIsWrittenOnlyUnderTheClaimThatStillHoldsTheTrack() {
        UUID id = add(1).get(0);
        UUID first = UUID.randomUUID();
        assertThat(statuses.claim(5, first, CLAIM_TIMEOUT, List.of())).extracting(TrackToEnrich::trackId).containsExactly(id);
        // the first run stalls past the claim timeout; a second run takes the track
        jdbc.update("UPDATE enrichment_status SET claimed_at = now() - interval '11 minutes' WHERE track_id = ?", id);
        UUID second = UUID.randomUUID();
        assertThat(statuses.claim(5, second, CLAIM_TIMEOUT, List.of())).extracting(TrackToEnrich::trackId).containsExactly(id);

        assertThat(statuses.save(List.of(result(id, first, TrackStatus.COMPLETED, "late")))).as("the stale claim writes nothing").isEmpty();
        assertThat(StatusRows.status(jdbc, id)).containsEntry("status", "in_progress").containsEntry("claim_token", second);

        assertThat(statuses.save(List.of(result(id, second, TrackStatus.PARTIAL, "HTTP 500\u0000 from discogs")))).hasSize(1);
        Map<String, Object> row = StatusRows.status(jdbc, id);
        assertThat(row).containsEntry("status", "partial").containsEntry("sources_enriched", 1);
        assertThat(row.get("claim_token")).isNull();
        assertThat(row.get("error_message")).as("NUL dropped, nothing else").isEqualTo("HTTP 500 from discogs");
        assertThat(StatusRows.outcomes(jdbc, id)).isEqualTo(Map.of("spotify", "found", "discogs", "failed"));
        jdbc.update("UPDATE enrichment_status SET next_attempt_at = now() - interval '1 second' WHERE track_id = ?", id);
        TrackToEnrich again = statuses.claim(5, UUID.randomUUID(), CLAIM_TIMEOUT, List.of()).get(0);
        assertThat(again.previous().get("spotify").data()).isEqualTo(Map.of("genre", "house"));
        assertThat(again.previous().get("discogs").outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aReleasedClaimGivesTheTrackBackAsItStoodAndDueAtOnce() {
        UUID id = add(1).get(0);
        UUID run = UUID.randomUUID();
        statuses.claim(1, run, CLAIM_TIMEOUT, List.of());
        statuses.save(List.of(result(id, run, TrackStatus.FAILED, "HTTP 503")));
        jdbc.update("UPDATE enrichment_status SET next_attempt_at = now() - interval '1 second' WHERE track_id = ?", id);

        UUID next = UUID.randomUUID();
        assertThat(statuses.claim(1, next, CLAIM_TIMEOUT, List.of())).hasSize(1);
        assertThat(statuses.release(UUID.randomUUID())).as("another token releases nothing").isZero();
        assertThat(statuses.release(next)).isEqualTo(1);

        Map<String, Object> row = StatusRows.status(jdbc, id);
        assertThat(row).containsEntry("status", "failed");
        assertThat(row.get("claimed_at")).isNull();
        assertThat(statuses.countDue(CLAIM_TIMEOUT, List.of(id))).isEqualTo(1);
    }

    @Test
    void aClaimSkipsTracksThatAResetHoldsUntilTheResetEnds() {
        List<UUID> ids = add(3);
        UUID run = UUID.randomUUID();
        statuses.claim(3, run, CLAIM_TIMEOUT, List.of());
        statuses.save(ids.stream().map(id -> result(id, run, TrackStatus.FAILED, "HTTP 503")).toList());
        jdbc.update("UPDATE enrichment_status SET next_attempt_at = now() - interval '1 second'");
        ResetSelection firstTwo = new ResetSelection(null, null, null, ids.subList(0, 2), null, null, 10);

        List<UUID> claimedMeanwhile = new TransactionTemplate(transactions).execute(tx -> {
            assertThat(statuses.selectForReset(firstTwo, true)).hasSize(2);
            // the claim commits on its own connection while the reset's transaction holds its rows
            return statuses.claim(3, UUID.randomUUID(), CLAIM_TIMEOUT, List.of()).stream().map(TrackToEnrich::trackId).toList();
        });

        assertThat(claimedMeanwhile).containsExactly(ids.get(2));
        assertThat(statuses.reset(ids.subList(0, 2), null)).isEqualTo(2);
        assertThat(statuses.statuses(ids)).containsEntry(ids.get(0), TrackStatus.PENDING).containsEntry(ids.get(1), TrackStatus.PENDING)
                .containsEntry(ids.get(2), TrackStatus.IN_PROGRESS);
        assertThat(statuses.reset(List.of(ids.get(2)), null)).as("a claimed track is not reset").isZero();
    }

    /** A run's result: spotify found, discogs failed with {@code error}. */
    private static EnrichmentResult result(UUID trackId, UUID claimToken, TrackStatus status, String error) {
        StatusDecision decision = new StatusDecision(status, status == TrackStatus.FAILED ? 0 : 1,
                status == TrackStatus.FAILED ? List.of() : List.of("spotify"), false, 1, error, Instant.now().plusSeconds(300));
        List<SourceAttempt> attempts = List.of(
                new SourceAttempt("spotify", Outcome.FOUND, null, Map.of("genre", "house"), 0.97),
                new SourceAttempt("discogs", Outcome.FAILED, error, null, null));
        return new EnrichmentResult(trackId, claimToken, "correlation", decision, Map.of("genre", "house"), attempts, Instant.now(), 5);
    }

    private List<UUID> add(int n) {
        return tracks.insertAll(IntStream.range(0, n).mapToObj(i -> new NewTrack("Status Artist " + i, "Status Song " + i, null, null, null))
                .toList());
    }

    /** The values a column's CHECK constraint lists. */
    private Set<String> checkedValues(String table, String column) {
        Set<String> values = new TreeSet<>();
        jdbc.queryForList("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ?::regclass AND contype = 'c'",
                String.class, table).stream().filter(def -> def.contains("(" + column + ")"))
                .forEach(def -> {
                    Matcher m = Pattern.compile("'([a-z_]+)'").matcher(def);
                    while (m.find()) {
                        values.add(m.group(1));
                    }
                });
        return values;
    }
}
