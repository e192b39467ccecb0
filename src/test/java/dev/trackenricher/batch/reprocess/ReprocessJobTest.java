package dev.trackenricher.batch.reprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.trackenricher.status.ResetCandidate;
import dev.trackenricher.status.TrackStatus;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.TestTrack;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reprocess job on a seeded mix of statuses, ages, sources and retriable flags: what each filter
 * takes, alone and combined; the reset itself (one transaction, idempotent, dry run); --source
 * followed by an enrich run; --trigger-now; the nightly run's once-per-night guarantee.
 */
class ReprocessJobTest extends SeededMix {

    @Autowired
    Reprocessor reprocessor;
    @Autowired
    ReprocessFilterParser parser;
    @Autowired
    JobExplorer jobs;
    @Autowired
    NightlyReprocess nightly;

    @Test
    void eachFilterAloneSelectsExactlyItsTracks() {
        assertThat(selected("")).containsExactly(h, c, b, d, a); // failed and partial, oldest last attempt first
        assertThat(selected("--days 7")).containsExactlyInAnyOrder(a, b, d);
        assertThat(selected("--days 2")).containsExactlyInAnyOrder(a, d);
        assertThat(selected("--retriable-only")).containsExactlyInAnyOrder(a, d);
        assertThat(selected("--non-retriable-only")).containsExactlyInAnyOrder(b, c, h);
        assertThat(selected("--source spotify")).containsExactlyInAnyOrder(a, b, d, h); // not c: spotify found it
        assertThat(selected("--source discogs")).containsExactlyInAnyOrder(a, c);
        assertThat(selected("--source lastfm")).containsExactly(d);
        assertThat(selected("--source getsongbpm")).isEmpty();
        assertThat(selected("--track-id " + b)).containsExactly(b);
        assertThat(selected("--limit 2")).containsExactly(h, c);
        assertThat(selected("--dry-run")).containsExactly(h, c, b, d, a);
    }

    @Test
    void filtersCombine() {
        assertThat(selected("--days 7 --retriable-only")).containsExactlyInAnyOrder(a, d);
        assertThat(selected("--days 7 --non-retriable-only")).containsExactly(b);
        assertThat(selected("--source spotify --non-retriable-only")).containsExactlyInAnyOrder(b, h);
        assertThat(selected("--source spotify --days 7 --non-retriable-only")).containsExactly(b);
        assertThat(selected("--source spotify --retriable-only --limit 1")).containsExactly(d);
        assertThat(selected("--track-id " + a + " --track-id " + b + " --track-id " + c + " --retriable-only")).containsExactly(a);
        assertThat(selected("--track-id " + a + " --track-id " + h + " --days 7")).containsExactly(a);
        assertThat(selected("--source discogs --limit 1")).containsExactly(c);
    }

    @Test
    void startAndEndDatesAreInclusiveDaysOfTheServerCalendar() {
        ZoneId zone = ZoneId.systemDefault();
        UUID firstMoment = seed.track("failed", LocalDateTime.of(2025, 10, 1, 0, 0).atZone(zone).toInstant(), false, 1, "spotify=failed");
        UUID lastMoment = seed.track("partial", LocalDateTime.of(2025, 10, 7, 23, 59, 59).atZone(zone).toInstant(), true, 0, "discogs=failed");
        UUID dayBefore = seed.track("failed", LocalDateTime.of(2025, 9, 30, 23, 59, 59).atZone(zone).toInstant(), false, 1, "spotify=failed");
        UUID dayAfter = seed.track("failed", LocalDateTime.of(2025, 10, 8, 0, 0).atZone(zone).toInstant(), false, 1, "spotify=failed");

        assertThat(selected("--start-date 2025-10-01 --end-date 2025-10-07")).containsExactlyInAnyOrder(firstMoment, lastMoment);
        assertThat(selected("--start-date 2025-10-07 --end-date 2025-10-07")).containsExactly(lastMoment);
        assertThat(selected("--end-date 2025-10-07")).containsExactlyInAnyOrder(dayBefore, firstMoment, lastMoment);
        assertThat(selected("--start-date 2025-10-08 --days 7")).containsExactlyInAnyOrder(a, b, d);
        assertThat(selected("--start-date 2025-10-08 --end-date 2025-10-08")).containsExactly(dayAfter);
        assertThat(selected("--start-date 2025-10-01 --end-date 2025-10-07 --source spotify")).containsExactly(firstMoment);
    }

    @Test
    void aDryRunChangesNoRowAndStillSummarises() {
        String before = seed.snapshot();

        ReprocessSummary summary = run("--dry-run");

        assertThat(seed.snapshot()).isEqualTo(before);
        assertThat(summary.dryRun()).isTrue();
        assertThat(summary.matched()).isEqualTo(5);
        assertThat(summary.reset()).isZero();
        assertThat(summary.byStatus()).isEqualTo(Map.of("failed", 3, "partial", 2));
        assertThat(summary.retriable()).isEqualTo(2);
        assertThat(summary.bySource()).containsEntry("spotify", Map.of("failed", 2, "rate_limited", 1))
                .containsEntry("discogs", Map.of("failed", 2)).containsEntry("lastfm", Map.of("short_circuited", 1));
        ResetCandidate first = summary.tracks().get(0);
        assertThat(first.trackId()).isEqualTo(h);
        assertThat(first.retryCount()).isEqualTo(6);
        assertThat(first.failingSources()).extracting(ResetCandidate.FailingSource::source, ResetCandidate.FailingSource::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spotify", "HTTP 503 from the API"));
        String table = SummaryTable.render(summary);
        assertThat(table).contains("ARTIST – TITLE").contains(h.toString()).contains("spotify failed: HTTP 503 from the API")
                .contains("lastfm short_circuited: circuit breaker open").contains("matched: 5 tracks (failed 3, partial 2; retriable 2)")
                .contains("dry run: nothing was changed; 5 tracks would be reset");
    }

    @Test
    void theResetMakesTracksPendingDueNowWithNoErrorAndFreshRetriesAndTouchesNothingElse() {
        String sourceRowsBefore = String.join("\n", jdbc.queryForList(
                "SELECT x::text FROM enrichment_source_status x ORDER BY track_id, source", String.class));
        Map<String, Object> completedBefore = status(e);
        Map<String, Object> claimedBefore = status(g);
        Map<String, Object> pendingBefore = status(f);
        Instant beforeRun = jdbc.queryForObject("SELECT now()", java.sql.Timestamp.class).toInstant();

        ReprocessSummary summary = run("");

        assertThat(summary.reset()).isEqualTo(5);
        for (UUID id : List.of(a, b, c, d, h)) {
            Map<String, Object> row = status(id);
            assertThat(row.get("status")).isEqualTo("pending");
            assertThat(row.get("error_message")).isNull();
            assertThat(row.get("is_retriable")).isEqualTo(false);
            assertThat(row.get("retry_count")).isEqualTo(0);
            assertThat(((java.sql.Timestamp) row.get("next_attempt_at")).toInstant()).isAfterOrEqualTo(beforeRun)
                    .isBeforeOrEqualTo(Instant.now().plusSeconds(1));
            assertThat(row.get("reprocess_sources")).isNull();
            assertThat(row.get("last_attempt")).isNotNull(); // history stays
        }
        assertThat(status(e)).isEqualTo(completedBefore);
        assertThat(status(g)).isEqualTo(claimedBefore); // claimed by a live run: not touched
        assertThat(status(f)).isEqualTo(pendingBefore);
        assertThat(String.join("\n", jdbc.queryForList("SELECT x::text FROM enrichment_source_status x ORDER BY track_id, source",
                String.class))).isEqualTo(sourceRowsBefore);
        assertThat(summary.tracks()).filteredOn(t -> t.trackId().equals(h)).extracting(ResetCandidate::retryCount).containsExactly(6);
    }

    @Test
    void runningTwiceHasTheEffectOfOnce() {
        ReprocessSummary first = run("--source spotify");
        String afterFirst = seed.snapshot();

        ReprocessSummary second = run("--source spotify");

        assertThat(first.reset()).isEqualTo(4);
        assertThat(second.matched()).isZero();
        assertThat(second.reset()).isZero();
        assertThat(seed.snapshot()).isEqualTo(afterFirst);
    }

    @Test
    void aFailureInTheMiddleOfTheResetLeavesEveryRowAsItWas() {
        String before = seed.snapshot();
        jdbc.execute("CREATE SEQUENCE reprocess_test_rows");
        jdbc.execute("""
                CREATE FUNCTION reprocess_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF nextval('reprocess_test_rows') = 3 THEN
                    RAISE EXCEPTION 'injected failure on the third row';
                  END IF;
                  RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER reprocess_test_fail BEFORE UPDATE ON enrichment_status FOR EACH ROW EXECUTE FUNCTION reprocess_test_fail()");
        try {
            assertThatThrownBy(() -> run(""))
                    .isInstanceOf(ReprocessFailedException.class)
                    .hasMessageContaining("the reset failed and nothing was changed")
                    .hasMessageContaining("injected failure on the third row");
            // two rows had been updated inside the transaction when the third failed
            assertThat(jdbc.queryForObject("SELECT last_value FROM reprocess_test_rows", Long.class)).isEqualTo(3);
            assertThat(seed.snapshot()).isEqualTo(before);
        } finally {
            jdbc.execute("DROP TRIGGER reprocess_test_fail ON enrichment_status");
            jdbc.execute("DROP FUNCTION reprocess_test_fail()");
            jdbc.execute("DROP SEQUENCE reprocess_test_rows");
        }
        assertThat(run("").reset()).isEqualTo(5); // and the same run goes through once the fault is gone
    }

    @Test
    void unknownTrackIdsAreReportedNotFoundAndOthersNotSelected() {
        UUID unknown = UUID.randomUUID();

        ReprocessSummary summary = run("--track-id " + b + " --track-id " + e + " --track-id " + unknown);

        assertThat(summary.trackIds()).containsExactly(b);
        assertThat(summary.notFound()).containsExactly(unknown);
        assertThat(summary.notSelected()).isEqualTo(Map.of(e, TrackStatus.COMPLETED));
        assertThat(SummaryTable.render(summary)).contains("not found: 1 track id(s): " + unknown)
                .contains("not selected: " + e + " (completed, not failed or partial)");
    }

    @Test
    void sourceSpotifyThenAnEnrichRunAsksOnlySpotifyAndKeepsTheRest() throws Exception {
        jdbc.execute("TRUNCATE tracks CASCADE");
        TestTrack t = TestTrack.numbered(61);
        ApiStubs.answerAll("spotify", ApiStubs.serverError());
        ApiStubs.answerAll("discogs", ApiStubs.serverError());
        ApiStubs.know("musicbrainz", t);
        UUID id = addTracks(List.of(t)).get(0);
        runEnrich(null);
        assertThat(status(id).get("status")).isEqualTo("partial");
        assertThat(outcomes(id)).containsEntry("spotify", "failed").containsEntry("discogs", "failed").containsEntry("musicbrainz", "found");
        String musicbrainzBefore = jdbc.queryForObject(
                "SELECT x::text FROM enrichment_source_status x WHERE track_id = ? AND source = 'musicbrainz'", String.class, id);
        ApiStubs.reset();
        ApiStubs.know("spotify", t);
        ApiStubs.answerAll("discogs", ApiStubs.serverError());

        ReprocessSummary summary = run("--source spotify");

        assertThat(summary.trackIds()).containsExactly(id);
        assertThat(jdbc.queryForObject("SELECT reprocess_sources::text FROM enrichment_status WHERE track_id = ?", String.class, id))
                .isEqualTo("{spotify}");
        runEnrich(null);

        assertThat(ApiStubs.countFor("spotify", t)).isPositive();
        for (String other : List.of("musicbrainz", "discogs", "lastfm", "getsongbpm", "acousticbrainz")) {
            assertThat(ApiStubs.count(other)).as(other + " must not be asked").isZero();
        }
        assertThat(status(id).get("status")).isEqualTo("completed");
        assertThat(status(id).get("reprocess_sources")).isNull();
        assertThat(outcomes(id)).containsEntry("spotify", "found").containsEntry("discogs", "failed").containsEntry("musicbrainz", "found");
        assertThat(jdbc.queryForObject("SELECT x::text FROM enrichment_source_status x WHERE track_id = ? AND source = 'musicbrainz'",
                String.class, id)).isEqualTo(musicbrainzBefore);
        assertThat(jdbc.queryForObject("SELECT metadata->>'enrichment_sources' FROM tracks WHERE id = ?", String.class, id))
                .contains("musicbrainz").contains("spotify");
    }

    @Test
    void triggerNowEnrichesExactlyTheResetTracks() {
        Instant before = Instant.now();

        ReprocessSummary summary = run("--trigger-now --limit 50");

        assertThat(summary.reset()).isEqualTo(5);
        assertThat(summary.enrichJobExecutionId()).isNotNull();
        JobExecution enrich = awaitEnd(summary.enrichJobExecutionId());
        assertThat(enrich.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(Set.of(enrich.getJobParameters().getString("trackIds").split(",")))
                .isEqualTo(Set.of(a, b, c, d, h).stream().map(UUID::toString).collect(Collectors.toSet()));
        for (UUID id : List.of(a, b, c, d, h)) {
            assertThat(status(id).get("status")).isNotEqualTo("pending");
            assertThat(((java.sql.Timestamp) status(id).get("last_attempt")).toInstant()).isAfter(before);
        }
        // f was pending and due too, but not reset by this run: the triggered run left it alone
        assertThat(status(f).get("status")).isEqualTo("pending");
        assertThat(status(f).get("last_attempt")).isNull();
        assertThat(enrich.getStepExecutions().iterator().next().getWriteCount()).isEqualTo(5);
    }

    @Test
    void triggerNowTakesAnyNumberOfTracks() {
        // 100 ids no longer fit Spring Batch's varchar(2500) job parameter; V4 makes it text
        for (int i = 0; i < 100; i++) {
            seed.track("failed", Duration.ofHours(5), false, 1, "spotify=failed");
        }

        ReprocessSummary summary = run("--trigger-now --limit 1000");

        assertThat(summary.reset()).isEqualTo(105);
        JobExecution enrich = awaitEnd(summary.enrichJobExecutionId());
        assertThat(enrich.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(enrich.getJobParameters().getString("trackIds").split(",")).hasSize(105);
        assertThat(enrich.getStepExecutions().iterator().next().getWriteCount()).isEqualTo(105);
    }

    @Test
    void aRunIsAnOrdinaryJobExecutionWithItsCounts() {
        ReprocessSummary summary = run("--retriable-only --track-id " + UUID.randomUUID() + " --track-id " + a + " --track-id " + d);

        JobExecution execution = jobs.getJobExecution(summary.jobExecutionId());
        assertThat(execution.getJobInstance().getJobName()).isEqualTo(ReprocessJobConfiguration.JOB_NAME);
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getExecutionContext().getInt(ReprocessJobConfiguration.MATCHED)).isEqualTo(2);
        assertThat(execution.getExecutionContext().getInt(ReprocessJobConfiguration.RESET)).isEqualTo(2);
        assertThat(execution.getExecutionContext().getInt(ReprocessJobConfiguration.NOT_FOUND)).isEqualTo(1);
        assertThat(execution.getJobParameters().getString("retriable")).isEqualTo("true");
        assertThat(execution.getStepExecutions()).filteredOn(s -> s.getStepName().equals("reprocessResetStep"))
                .singleElement().satisfies(s -> {
                    assertThat(s.getReadCount()).isEqualTo(2);
                    assertThat(s.getWriteCount()).isEqualTo(2);
                });
    }

    @Test
    void theNightlyRunResetsRetriableFailuresAndEnrichesThemOncePerNight() {
        LocalDate night = LocalDate.of(2091, 3, 1);

        Optional<ReprocessSummary> first = reprocessor.runNightly(night, 1000);
        Optional<ReprocessSummary> second = reprocessor.runNightly(night, 1000);

        assertThat(first).isPresent();
        assertThat(first.get().trackIds()).containsExactlyInAnyOrder(a, d);
        assertThat(first.get().reset()).isEqualTo(2);
        assertThat(first.get().enrichJobExecutionId()).isNotNull();
        awaitEnd(first.get().enrichJobExecutionId());
        assertThat(second).isEmpty();
        assertThat(nightRuns(night)).isEqualTo(1);
        assertThat(status(b).get("status")).isEqualTo("failed"); // not retriable: left for an operator
    }

    @Test
    void twoInstancesFiringAtTheSameMomentRunTheNightOnce() throws Exception {
        LocalDate night = LocalDate.of(2091, 3, 2);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Optional<ReprocessSummary>>> runs = two.invokeAll(List.of(
                    () -> {
                        together.await();
                        return reprocessor.runNightly(night, 1000);
                    },
                    () -> {
                        together.await();
                        return reprocessor.runNightly(night, 1000);
                    }));
            List<Optional<ReprocessSummary>> results = List.of(runs.get(0).get(), runs.get(1).get());
            assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
            ReprocessSummary ran = results.stream().flatMap(Optional::stream).findFirst().orElseThrow();
            assertThat(ran.reset()).isEqualTo(2);
            awaitEnd(ran.enrichJobExecutionId());
        } finally {
            two.shutdownNow();
        }
        assertThat(nightRuns(night)).isEqualTo(1);
    }

    @Test
    void theScheduledMethodRunsTonightsJobOnce() {
        Object aBefore = status(a).get("last_attempt");
        Object bBefore = status(b).get("last_attempt");

        nightly.run();
        nightly.run();

        LocalDate tonight = LocalDate.ofInstant(Instant.now(), ZoneId.systemDefault());
        assertThat(nightRuns(tonight)).isEqualTo(1);
        Long execution = jdbc.queryForObject("""
                SELECT p.job_execution_id FROM batch_job_execution_params p
                 WHERE p.parameter_name = 'night' AND p.parameter_value = ?""", Long.class, tonight.toString());
        assertThat(jobs.getJobExecution(execution).getExecutionContext().containsKey(ReprocessJobConfiguration.ENRICH_JOB_EXECUTION_ID))
                .isTrue();
        awaitEnd(jobs.getJobExecution(execution).getExecutionContext().getLong(ReprocessJobConfiguration.ENRICH_JOB_EXECUTION_ID));
        // the night's filter reset a (retriable) and not b: a was enriched again by the run it started (its outcome may be
        // failed again, the stubs still fail; reading its status before the run ends raced with it), b was left alone
        assertThat(status(a).get("last_attempt")).as("a enriched again").isNotEqualTo(aBefore);
        assertThat(status(b).get("last_attempt")).as("b not touched").isEqualTo(bBefore);
        assertThat(status(b).get("status")).isEqualTo("failed");
    }

    private long nightRuns(LocalDate night) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM batch_job_execution e
                  JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                 WHERE i.job_name = 'reprocessJob' AND p.parameter_name = 'night' AND p.parameter_value = ?""",
                Long.class, night.toString());
    }

    private JobExecution awaitEnd(long executionId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !jobs.getJobExecution(executionId).isRunning());
        return jobs.getJobExecution(executionId);
    }

    private ReprocessSummary run(String args) {
        return reprocessor.run(parser.fromArgs(args.isBlank() ? List.of() : Arrays.asList(args.trim().split("\\s+"))));
    }

    /** The tracks a dry run with these flags takes, in its order. */
    private List<UUID> selected(String args) {
        String dry = args.contains("--dry-run") ? args : args + " --dry-run";
        return run(dry).trackIds();
    }
}
