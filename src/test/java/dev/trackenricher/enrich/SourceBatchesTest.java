package dev.trackenricher.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import dev.trackenricher.support.wire.AcousticBrainzWire;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The tracks in flight, collected per source into one request, through the whole service: eight
 * tracks with an ISRC in flight at once are identified by one MusicBrainz search, and their
 * AcousticBrainz data comes in one bulk request; a batch answered 503 leaves every track in it
 * rate_limited for MusicBrainz only, its Retry-After applied once; a failed batch is one failure
 * of the breaker; a track whose other sources have answered does not wait for its batch to fill.
 */
@TestPropertySource(properties = {
    "enricher.batch.concurrency=8",
    "enricher.batch.chunk-size=8",
    "enricher.sources.musicbrainz.batch.size=8",
    "enricher.sources.musicbrainz.batch.wait=250ms",
    "enricher.sources.musicbrainz.batch.max-wait=10s",
    "enricher.sources.musicbrainz.max-permit-wait=1s"})
class SourceBatchesTest extends IntegrationTest {

    private List<TestTrack> tracks(int from, int n) {
        return IntStream.range(from, from + n).mapToObj(TestTrack::numbered).toList();
    }

    /** Adds tracks with their ISRCs, as POST /tracks would. */
    private List<UUID> addWithIsrc(List<TestTrack> tracks) {
        return tracks.stream().map(t -> {
            UUID id = UUID.randomUUID();
            jdbc.update("INSERT INTO tracks (id, artist_name, title, isrc, duration_ms) VALUES (?, ?, ?, ?, ?)", id, t.artist(), t.title(),
                    t.isrc(), t.durationMs());
            jdbc.update("INSERT INTO enrichment_status (track_id, status, next_attempt_at) VALUES (?, 'pending', now())", id);
            return id;
        }).toList();
    }

    @Test
    void eightTracksInFlightAreIdentifiedByOneSearchAndDescribedByOneBulkRequest() throws Exception {
        List<TestTrack> tracks = tracks(1000, 8);
        tracks.forEach(t -> {
            ApiStubs.knowEverywhere(t);
            ApiStubs.knowByIsrc(t);
        });
        List<UUID> ids = addWithIsrc(tracks);

        runEnrich(null);

        for (int i = 0; i < 8; i++) {
            assertThat(outcomes(ids.get(i))).as(tracks.get(i).title()).containsEntry("musicbrainz", "found").containsEntry("acousticbrainz", "found")
                    .containsEntry("spotify", "found");
            assertThat(jdbc.queryForObject("SELECT metadata->>'musicbrainz_id' FROM tracks WHERE id = ?", String.class, ids.get(i)))
                    .isEqualTo(tracks.get(i).mbid());
        }
        List<LoggedRequest> musicbrainz = ApiStubs.requests("musicbrainz");
        assertThat(musicbrainz).as("one search for the eight ISRCs").hasSize(1);
        assertThat(musicbrainz.get(0).queryParameter("query").firstValue().split(" OR ")).hasSize(8);
        List<LoggedRequest> acousticbrainz = ApiStubs.requests("acousticbrainz");
        assertThat(acousticbrainz).as("one bulk request for the eight recordings").hasSize(1);
        assertThat(AcousticBrainzWire.recordingIds(acousticbrainz.get(0).queryParameter("recording_ids").firstValue()))
                .containsExactlyInAnyOrderElementsOf(tracks.stream().map(TestTrack::mbid).toList());
    }

    @Test
    void aBatchAnswered503LeavesEveryTrackRateLimitedForMusicBrainzAndTheOtherSourcesResultsIntact() throws Exception {
        ApiStubs.answerAll("musicbrainz", aResponse().withStatus(503).withHeader("Retry-After", "2").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"Your requests are exceeding the allowable rate limit.\"}"));
        List<TestTrack> tracks = tracks(1010, 8);
        tracks.forEach(ApiStubs::knowEverywhere);
        List<UUID> ids = addWithIsrc(tracks);
        Instant before = Instant.now();

        runEnrich(null);

        for (UUID id : ids) {
            assertThat(outcomes(id)).containsEntry("musicbrainz", "rate_limited").containsEntry("spotify", "found").containsEntry("discogs", "found")
                    .containsEntry("lastfm", "found").containsEntry("getsongbpm", "found").containsEntry("acousticbrainz", "skipped");
            assertThat(error(id, "musicbrainz")).contains("HTTP 503");
            assertThat(status(id)).containsEntry("status", "completed").containsEntry("is_retriable", true).containsEntry("retry_count", 0);
        }
        assertThat(ApiStubs.count("musicbrainz")).as("the eight were one request").isEqualTo(1);
        CircuitBreaker breaker = breakers.breaker("musicbrainz");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("a slow-down is no failure").isZero();
        // its Retry-After applied once, not once per track (eight times 2 s of holding back)
        assertThat(limits.pausedUntil("musicbrainz")).hasValueSatisfying(until -> assertThat(until).isBefore(before.plusSeconds(6)));
    }

    @Test
    void aFailedBatchIsOneFailureOfTheBreakerAndFailsEachOfItsTracksForMusicBrainzOnly() throws Exception {
        ApiStubs.answerAll("musicbrainz", ApiStubs.serverError());
        List<TestTrack> tracks = tracks(1020, 8);
        tracks.forEach(ApiStubs::knowEverywhere);
        List<UUID> ids = addWithIsrc(tracks);

        runEnrich(null);

        for (UUID id : ids) {
            assertThat(outcomes(id)).containsEntry("musicbrainz", "failed").containsEntry("spotify", "found").containsEntry("getsongbpm", "found");
            assertThat(error(id, "musicbrainz")).contains("HTTP 500");
        }
        assertThat(ApiStubs.count("musicbrainz")).isEqualTo(1);
        CircuitBreaker breaker = breakers.breaker("musicbrainz");
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("one request, one failure: not eight").isEqualTo(1);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aTrackWhoseOtherSourcesHaveAnsweredDoesNotWaitForItsBatchToFill() throws Exception {
        TestTrack t = TestTrack.numbered(1030);
        ApiStubs.knowEverywhere(t);
        ApiStubs.knowByIsrc(t);
        UUID id = addWithIsrc(List.of(t)).get(0);

        runEnrich(null);

        assertThat(outcomes(id)).containsEntry("musicbrainz", "found").containsEntry("acousticbrainz", "found");
        long othersDone = ApiStubs.SOURCES.stream().filter(s -> !s.equals("musicbrainz") && !s.equals("acousticbrainz"))
                .flatMap(s -> ApiStubs.requests(s).stream()).mapToLong(r -> r.getLoggedDate().getTime()).max().orElseThrow();
        long asked = ApiStubs.requests("musicbrainz").get(0).getLoggedDate().getTime();
        // a batch of eight it will never fill: it leaves the batch's wait (250 ms) after the others answered, not after max-wait (10 s)
        assertThat(asked - othersDone).isLessThan(3000);
    }
}
