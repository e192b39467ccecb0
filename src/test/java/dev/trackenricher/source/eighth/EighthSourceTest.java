package dev.trackenricher.source.eighth;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Adding a source takes its package and its configuration block, nothing more: the eighth,
 * test-only source (this package, and application-eighth-source.yml) gets its branch route, fans
 * out beside the six, breaks (its breaker opens after its failures), falls back (short-circuited,
 * no call), and merges (its label wins over Discogs', its album loses to Spotify's, by the
 * priorities of its block).
 */
@ActiveProfiles("eighth-source")
class EighthSourceTest extends IntegrationTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ObjectMapper json;

    @DynamicPropertySource
    static void eighthSourcesApi(DynamicPropertyRegistry registry) {
        registry.add("eighth-source.stub-port", () -> ApiStubs.server().port());
    }

    private static void eighthKnows(TestTrack t) {
        ApiStubs.server().stubFor(get(urlPathEqualTo("/eighth/tracks")).withQueryParam("artist", equalTo(t.artist()))
                .withQueryParam("api_key", equalTo("eighth-key-SHOULD-NOT-LEAK"))
                .willReturn(okJson("""
                        {"tracks":[{"artist":"%s","title":"%s (Live)","label":"Bootleg","album":"Live","mood":"loud"},
                                   {"artist":"%s","title":"%s","label":"Eighth Records","album":"Eighth Album","mood":"sunny"}]}
                        """.formatted(t.artist(), t.title(), t.artist(), t.title()))));
    }

    @Test
    void theEighthSourceFansOutBesideTheOthersAndMergesByItsPriorities() throws Exception {
        TestTrack t = TestTrack.numbered(8801);
        ApiStubs.knowEverywhere(t);
        eighthKnows(t);
        UUID id = addTracks(List.of(t)).get(0);

        runEnrich(null);

        assertThat(camel.getRoute("source-eighth")).as("its branch, from its config block").isNotNull();
        assertThat(outcomes(id)).containsEntry("eighth", "found").containsEntry("spotify", "found").containsEntry("discogs", "found")
                .hasSize(7);
        assertThat(ApiStubs.server().findAll(getRequestedFor(urlPathEqualTo("/eighth/tracks")))).hasSize(1);
        JsonNode metadata = json.readTree(jdbc.queryForObject("SELECT metadata::text FROM tracks WHERE id = ?", String.class, id));
        assertThat(metadata.path("mood").asText()).isEqualTo("sunny");
        assertThat(metadata.path("field_sources").path("mood").asText()).isEqualTo("eighth");
        // label: [eighth, discogs] — the eighth wins, Discogs' label is kept as a conflict
        assertThat(metadata.path("label").asText()).isEqualTo("Eighth Records");
        assertThat(metadata.path("field_sources").path("label").asText()).isEqualTo("eighth");
        assertThat(metadata.path("conflicts").path("discogs").path("label").asText()).isEqualTo("Test Label");
        // album: [spotify, eighth, lastfm] — Spotify wins, the eighth's album is the conflict
        assertThat(metadata.path("field_sources").path("album").asText()).isEqualTo("spotify");
        assertThat(metadata.path("conflicts").path("eighth").path("album").asText()).isEqualTo("Eighth Album");
        assertThat(metadata.path("enrichment_sources").toString()).contains("eighth");
    }

    @Test
    void theEighthSourceBreaksAndFallsBackLikeAnyOther() throws Exception {
        ApiStubs.server().stubFor(get(urlPathMatching("/eighth/.*")).atPriority(1).willReturn(ApiStubs.serverError()));
        List<TestTrack> tracks = List.of(TestTrack.numbered(8811), TestTrack.numbered(8812), TestTrack.numbered(8813));
        tracks.forEach(ApiStubs::knowEverywhere);
        for (TestTrack t : tracks) {
            UUID id = addTracks(List.of(t)).get(0);
            runEnrich(null);
            assertThat(outcomes(id)).containsEntry("eighth", "failed").containsEntry("spotify", "found");
            assertThat(error(id, "eighth")).contains("HTTP 500 from eighth");
        }
        assertThat(breakers.breaker("eighth").getState()).as("open after 3 failures (its block's breaker)").isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breakers.breaker("spotify").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        int calls = ApiStubs.server().findAll(getRequestedFor(urlPathMatching("/eighth/.*"))).size();

        TestTrack next = TestTrack.numbered(8814);
        ApiStubs.knowEverywhere(next);
        UUID id = addTracks(List.of(next)).get(0);
        runEnrich(null);

        assertThat(outcomes(id)).containsEntry("eighth", "short_circuited").containsEntry("spotify", "found");
        assertThat(ApiStubs.server().findAll(getRequestedFor(urlPathMatching("/eighth/.*")))).as("no call while open").hasSize(calls);
        assertThat(status(id).get("is_retriable")).isEqualTo(true);
    }
}
