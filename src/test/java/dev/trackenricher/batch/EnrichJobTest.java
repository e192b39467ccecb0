package dev.trackenricher.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The enrich job end to end: real PostgreSQL, the six APIs played by the stub server. */
class EnrichJobTest extends IntegrationTest {

    @Autowired
    ObjectMapper json;

    @Test
    void everySourceFindingTheTrackCompletesItWithMergedMetadata() throws Exception {
        TestTrack t = TestTrack.numbered(1);
        ApiStubs.knowEverywhere(t);
        UUID id = addTracks(List.of(t)).get(0);

        runEnrich(null);

        Map<String, Object> s = status(id);
        assertThat(s.get("status")).isEqualTo("completed");
        assertThat(s.get("sources_enriched")).isEqualTo(6);
        assertThat(s.get("error_message")).isNull();
        assertThat(s.get("next_attempt_at")).isNull();
        JsonNode metadata = metadata(id);
        assertThat(metadata.path("enrichment_sources")).hasSize(6);
        assertThat(metadata.path("spotify_id").asText()).isEqualTo(t.spotifyId());
        assertThat(metadata.path("musicbrainz_id").asText()).isEqualTo(t.mbid());
        assertThat(metadata.path("lastfm_tags").get(0).asText()).isEqualTo("house");
        // bpm and key: getsongbpm > acousticbrainz > spotify (batch-config/merge.yml)
        assertThat(metadata.path("bpm").asDouble()).isEqualTo(124.0);
        assertThat(metadata.path("field_sources").path("bpm").asText()).isEqualTo("getsongbpm");
        assertThat(metadata.path("key").asText()).isEqualTo("A minor");
        assertThat(metadata.path("camelot_key").asText()).isEqualTo("8A");
        assertThat(metadata.path("open_key").asText()).isEqualTo("1m");
        assertThat(metadata.path("label").asText()).isEqualTo("Test Label");
        assertThat(metadata.hasNonNull("enriched_at")).isTrue();
    }

    @Test
    void spotifyErrorsDoNotBlockMusicBrainz() throws Exception {
        TestTrack t = TestTrack.numbered(2);
        ApiStubs.know("musicbrainz", t);
        ApiStubs.answerAll("spotify", ApiStubs.serverError());
        UUID id = addTracks(List.of(t)).get(0);

        runEnrich(null);

        Map<String, Object> s = status(id);
        assertThat(s.get("status")).isEqualTo("partial");
        assertThat(s.get("sources_enriched")).isEqualTo(1);
        assertThat(metadata(id).path("enrichment_sources").toString()).isEqualTo("[\"musicbrainz\"]");
        assertThat((String) s.get("error_message")).contains("spotify failed: HTTP 500 from spotify");
        assertThat(outcomes(id)).containsEntry("spotify", "failed").containsEntry("musicbrainz", "found");
        assertThat(s.get("retry_count")).isEqualTo(1);
        assertThat(s.get("is_retriable")).isEqualTo(false);
        assertThat(s.get("next_attempt_at")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"spotify", "musicbrainz", "discogs", "lastfm", "acousticbrainz", "getsongbpm"})
    void oneSourceFailingCostsOnlyItsOwnData(String failing) throws Exception {
        TestTrack t = TestTrack.numbered(3);
        ApiStubs.knowEverywhere(t);
        ApiStubs.answerAll(failing, ApiStubs.serverError());
        UUID id = addTracks(List.of(t)).get(0);

        runEnrich(null);

        Map<String, String> outcomes = outcomes(id);
        assertThat(outcomes).containsEntry(failing, "failed");
        // AcousticBrainz needs the recording id MusicBrainz finds: without it, it is skipped, not failed
        String acousticbrainz = failing.equals("musicbrainz") ? "skipped" : failing.equals("acousticbrainz") ? "failed" : "found";
        assertThat(outcomes).containsEntry("acousticbrainz", acousticbrainz);
        long found = outcomes.values().stream().filter("found"::equals).count();
        assertThat(found).isEqualTo(failing.equals("musicbrainz") ? 4 : 5);
        Map<String, Object> s = status(id);
        assertThat(s.get("status")).isEqualTo("completed");
        assertThat((String) s.get("error_message")).contains(failing + " failed: HTTP 500 from " + failing);
        assertThat(error(id, failing)).contains("HTTP 500");
    }

    @Test
    void twoSourcesFoundCompleteTheTrack() throws Exception {
        TestTrack t = TestTrack.numbered(4);
        ApiStubs.know("discogs", t);
        ApiStubs.know("lastfm", t);
        UUID id = addTracks(List.of(t)).get(0);

        runEnrich(null);

        assertThat(status(id).get("status")).isEqualTo("completed");
        assertThat(status(id).get("sources_enriched")).isEqualTo(2);
        assertThat(outcomes(id)).containsEntry("spotify", "not_found").containsEntry("acousticbrainz", "skipped");
    }

    @Test
    void noSourceFindingTheTrackFailsItWithTheSpecifiedMessage() throws Exception {
        UUID id = addTracks(List.of(TestTrack.numbered(5))).get(0);

        runEnrich(null);

        Map<String, Object> s = status(id);
        assertThat(s.get("status")).isEqualTo("failed");
        assertThat(s.get("sources_enriched")).isEqualTo(0);
        assertThat((String) s.get("error_message")).startsWith("No metadata sources returned data");
        // every source answered "no match": nothing to retry, nothing failed
        assertThat(s.get("retry_count")).isEqualTo(0);
        assertThat(s.get("is_retriable")).isEqualTo(false);
        assertThat(s.get("next_attempt_at")).isNull();
    }

    @Test
    void aSlowSourceFailsAloneAndTheOthersDataIsKept() throws Exception {
        TestTrack t = TestTrack.numbered(6);
        ApiStubs.knowEverywhere(t);
        // test timeout is 2 s (application-test.yml)
        ApiStubs.answerAll("discogs", okJson("{\"results\":[]}").withFixedDelay(4000));
        UUID id = addTracks(List.of(t)).get(0);

        long start = System.nanoTime();
        runEnrich(null);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(outcomes(id)).containsEntry("discogs", "failed");
        assertThat(error(id, "discogs")).contains("did not answer within 2000 ms");
        assertThat(status(id).get("status")).isEqualTo("completed");
        assertThat(status(id).get("sources_enriched")).isEqualTo(5);
        assertThat(tookMs).as("the run waited for the timeout, not for the slow answer").isLessThan(4000);
    }

    @Test
    void aRerunAsksOnlyTheSourcesThatDidNotAnswerAndKeepsFoundData() throws Exception {
        TestTrack t = TestTrack.numbered(7);
        ApiStubs.knowEverywhere(t);
        ApiStubs.answerAll("spotify", ApiStubs.serverError());
        UUID id = addTracks(List.of(t)).get(0);
        runEnrich(null);
        assertThat(outcomes(id)).containsEntry("spotify", "failed");
        Map<String, Integer> before = Map.of("musicbrainz", ApiStubs.count("musicbrainz"), "discogs", ApiStubs.count("discogs"),
                "lastfm", ApiStubs.count("lastfm"), "getsongbpm", ApiStubs.count("getsongbpm"),
                "acousticbrainz", ApiStubs.count("acousticbrainz"));

        ApiStubs.reset();
        ApiStubs.knowEverywhere(t);
        jdbc.update("UPDATE enrichment_status SET next_attempt_at = now() WHERE track_id = ?", id);
        runEnrich(null);

        assertThat(ApiStubs.count("spotify")).isGreaterThan(0);
        before.keySet().forEach(source -> assertThat(ApiStubs.count(source)).as(source + " asked again").isZero());
        assertThat(outcomes(id)).containsEntry("spotify", "found").containsEntry("musicbrainz", "found");
        assertThat(status(id).get("status")).isEqualTo("completed");
        assertThat(status(id).get("sources_enriched")).isEqualTo(6);
        JsonNode metadata = metadata(id);
        assertThat(metadata.path("spotify_id").asText()).isEqualTo(t.spotifyId());
        assertThat(metadata.path("musicbrainz_id").asText()).isEqualTo(t.mbid());
        assertThat(jdbc.queryForObject("SELECT attempts FROM enrichment_source_status WHERE track_id = ? AND source = 'musicbrainz'",
                Integer.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT attempts FROM enrichment_source_status WHERE track_id = ? AND source = 'spotify'",
                Integer.class, id)).isEqualTo(2);
    }

    @Test
    void manyTracksAreEnrichedInOneRunEachOnce() throws Exception {
        List<TestTrack> tracks = java.util.stream.IntStream.rangeClosed(100, 134).mapToObj(TestTrack::numbered).toList();
        tracks.forEach(ApiStubs::knowEverywhere);
        List<UUID> ids = addTracks(tracks);

        var execution = runEnrich(null);

        assertThat(execution.getStepExecutions().iterator().next().getWriteCount()).isEqualTo(35);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(status(ids.get(i)).get("status")).isEqualTo("completed");
            for (String source : ApiStubs.SOURCES) {
                assertThat(ApiStubs.countFor(source, tracks.get(i))).as(source + " for " + tracks.get(i)).isEqualTo(1);
            }
        }
    }

    private JsonNode metadata(UUID id) throws Exception {
        return json.readTree(jdbc.queryForObject("SELECT metadata::text FROM tracks WHERE id = ?", String.class, id));
    }
}
