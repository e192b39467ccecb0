package dev.trackenricher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * /actuator/prometheus after an enrich run of 5 tracks in which Discogs answers HTTP 500 every
 * time (so its breaker opens) and the other sources find every track: each metric the issue names,
 * with its labels and the counts this run added.
 */
class MetricsTest extends IntegrationTest {

    static final int TRACKS = 5;

    @Test
    void everyMetricWithItsLabelsAndCountsAfterARunWithOneFailingSource() throws Exception {
        List<TestTrack> tracks = IntStream.rangeClosed(500, 499 + TRACKS).mapToObj(TestTrack::numbered).toList();
        tracks.forEach(ApiStubs::knowEverywhere);
        ApiStubs.answerAll("discogs", ApiStubs.serverError());
        addTracks(tracks);
        Scrape before = scrape();

        runEnrich(null);

        Scrape after = scrape();
        // enrichment_tasks_total{source,status}: one attempt per source and track
        assertThat(delta(before, after, "enrichment_tasks_total", "source", "discogs", "status", "failed")).isEqualTo(TRACKS);
        for (String source : List.of("spotify", "musicbrainz", "lastfm", "getsongbpm", "acousticbrainz")) {
            assertThat(delta(before, after, "enrichment_tasks_total", "source", source, "status", "found")).as(source).isEqualTo(TRACKS);
        }
        // api_calls_total{api,status} and the api_response_time_seconds{api} histogram
        assertThat(delta(before, after, "api_calls_total", "api", "discogs", "status", "500")).isEqualTo(TRACKS);
        assertThat(delta(before, after, "api_calls_total", "api", "musicbrainz", "status", "200")).isGreaterThanOrEqualTo(TRACKS);
        assertThat(delta(before, after, "api_response_time_seconds_count", "api", "discogs")).isEqualTo(TRACKS);
        assertThat(delta(before, after, "api_response_time_seconds_bucket", "api", "discogs", "le", "+Inf")).isEqualTo(TRACKS);
        assertThat(after.find("api_response_time_seconds_bucket", "api", "discogs")).hasSizeGreaterThan(10);
        // enrichment_circuit_breaker_state{api,state}: Discogs' breaker opened after its 5th failure
        assertThat(after.value("enrichment_circuit_breaker_state", "api", "discogs", "state", "open")).isEqualTo(1.0);
        assertThat(after.value("enrichment_circuit_breaker_state", "api", "discogs", "state", "closed")).isEqualTo(0.0);
        assertThat(after.value("enrichment_circuit_breaker_state", "api", "discogs", "state", "half_open")).isEqualTo(0.0);
        assertThat(after.value("enrichment_circuit_breaker_state", "api", "spotify", "state", "closed")).isEqualTo(1.0);
        assertThat(after.value("enrichment_circuit_breaker_state", "api", "spotify", "state", "open")).isEqualTo(0.0);
        assertThat(after.find("enrichment_circuit_breaker_state")).hasSize(sources.sources().size() * 4);
        // enrichment_cache_hits_total / misses_total{cache_type}: a series per source from start-up on
        for (String source : sources.sources().keySet()) {
            assertThat(after.exists("enrichment_cache_hits_total", "cache_type", source)).as(source).isTrue();
            assertThat(after.exists("enrichment_cache_misses_total", "cache_type", source)).as(source).isTrue();
        }
        // tracks by status (enrichment_status), results written, sources per track
        assertThat(after.value("enrichment_tracks", "status", "completed")).isEqualTo(TRACKS);
        assertThat(after.value("enrichment_tracks", "status", "pending")).isEqualTo(0.0);
        assertThat(after.value("enrichment_tracks", "status", "failed")).isEqualTo(0.0);
        assertThat(delta(before, after, "enrichment_track_results_total", "status", "completed")).isEqualTo(TRACKS);
        assertThat(delta(before, after, "enrichment_sources_per_track_count")).isEqualTo(TRACKS);
        assertThat(delta(before, after, "enrichment_sources_per_track_sum")).isEqualTo(5.0 * TRACKS);
        assertThat(delta(before, after, "enrichment_sources_per_track_bucket", "le", "4.0")).isEqualTo(0.0);
        assertThat(delta(before, after, "enrichment_sources_per_track_bucket", "le", "5.0")).isEqualTo(TRACKS);
        // Camel route metrics: the fan-out route and each branch route once per track
        assertThat(delta(before, after, "camel_route_policy_seconds_count", "routeId", "enrich")).isEqualTo(TRACKS);
        assertThat(delta(before, after, "camel_route_policy_seconds_count", "routeId", "source-discogs")).isEqualTo(TRACKS);
        assertThat(delta(before, after, "camel_exchanges_total", "routeId", "source-spotify")).isEqualTo(TRACKS);
        // Spring Batch metrics: one finished enrich job, its step, its items
        assertThat(delta(before, after, "spring_batch_job_seconds_count", "spring_batch_job_name", "enrichJob",
                "spring_batch_job_status", "COMPLETED")).isEqualTo(1.0);
        assertThat(after.exists("spring_batch_step_seconds_count")).isTrue();
        assertThat(delta(before, after, "spring_batch_item_process_seconds_count")).isGreaterThanOrEqualTo(TRACKS);
        // the active-jobs timer has the observation's tag keys (its duplicate used to fail to register)
        assertThat(after.exists("spring_batch_job_active_seconds_count", "spring_batch_job_name", "enrichJob")).isTrue();
        assertThat(after.samples()).noneMatch(s -> s.labels().containsKey("spring_batch_job_active_name"));
    }

    Scrape scrape() {
        Http.Answer answer = new Http(port).get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return Scrape.parse(answer.body());
    }

    static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
