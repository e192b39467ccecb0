package dev.trackenricher.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.match.MatchSettings;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A whole run's merge: provenance, conflicts under the losing source, keys, and each accepted match's confidence stored. */
class MergedRunTest extends IntegrationTest {

    @Autowired
    ObjectMapper json;
    @Autowired
    MatchSettings match;

    @Test
    void disagreeingSourcesAreMergedByPriorityAndTheLoserIsKept() throws Exception {
        TestTrack t = TestTrack.numbered(901);
        ApiStubs.knowEverywhere(t);
        // AcousticBrainz hears another key and a half-time tempo
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("acousticbrainz") + "/" + t.mbid() + "/low-level")).atPriority(4)
                .willReturn(okJson("{\"rhythm\":{\"bpm\":62.01},\"tonal\":{\"key_key\":\"C\",\"key_scale\":\"major\",\"key_strength\":0.4}}")));
        UUID id = addTracks(List.of(t)).get(0);

        runEnrich(null);

        JsonNode m = json.readTree(jdbc.queryForObject("SELECT metadata::text FROM tracks WHERE id = ?", String.class, id));
        assertThat(m.path("bpm").asDouble()).isEqualTo(124.0);
        assertThat(m.path("key").asText()).isEqualTo("A minor");
        assertThat(m.path("camelot_key").asText()).isEqualTo("8A");
        assertThat(m.path("open_key").asText()).isEqualTo("1m");
        JsonNode provenance = m.path("field_sources");
        assertThat(provenance.path("bpm").asText()).isEqualTo("getsongbpm");
        assertThat(provenance.path("key").asText()).isEqualTo("getsongbpm");
        assertThat(provenance.path("camelot_key").asText()).isEqualTo("getsongbpm");
        assertThat(provenance.path("isrc").asText()).isEqualTo("spotify");
        assertThat(provenance.path("musicbrainz_id").asText()).isEqualTo("musicbrainz");
        assertThat(provenance.path("label").asText()).isEqualTo("discogs");
        assertThat(provenance.path("lastfm_tags").asText()).isEqualTo("lastfm");
        assertThat(m.path("conflicts").path("acousticbrainz").path("bpm").asDouble()).isEqualTo(62.0);
        assertThat(m.path("conflicts").path("acousticbrainz").path("key").asText()).isEqualTo("C major");
        assertThat(m.path("conflicts").has("spotify")).as("Spotify agreed on everything it shares").isFalse();
    }

    @Test
    void theConfidenceOfEveryAcceptedMatchIsStored() throws Exception {
        TestTrack t = TestTrack.numbered(902);
        ApiStubs.knowEverywhere(t);
        UUID id = addTracks(List.of(t)).get(0);

        runEnrich(null);

        Map<String, Double> confidence = new java.util.TreeMap<>();
        jdbc.query("SELECT source, confidence FROM enrichment_source_status WHERE track_id = ?",
                rs -> {
                    confidence.put(rs.getString(1), (Double) rs.getObject(2));
                }, id);
        assertThat(confidence).containsOnlyKeys(ApiStubs.SOURCES);
        for (String searching : List.of("spotify", "musicbrainz", "discogs", "lastfm", "getsongbpm")) {
            assertThat(confidence.get(searching)).as(searching).isNotNull().isBetween(match.threshold(), 1.0);
        }
        // looked up by the recording id MusicBrainz matched: no search of its own
        assertThat(confidence.get("acousticbrainz")).isEqualTo(1.0);
        JsonNode status = new Http(port).get("/enrich/status/" + id).json();
        assertThat(status.path("sources").path("musicbrainz").path("confidence").asDouble()).isEqualTo(confidence.get("musicbrainz"));
    }
}
