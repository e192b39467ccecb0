package dev.trackenricher.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every source against the local stub API, answer by answer: success, no match, 401/403/404/429/500/503,
 * an HTML page, truncated JSON, numbers as strings, missing fields. Each gives its outcome through
 * the whole branch (gate, breaker, client, fallback) of a real enrich run; nothing escapes the
 * branch, and the other sources' data is not touched.
 */
class SourceAnswersTest extends IntegrationTest {

    @Autowired
    ObjectMapper json;

    record Case(String source, String answer, String outcome, String errorContains, Consumer<TestTrack> stub) {
        @Override
        public String toString() {
            return source + " / " + answer + " → " + outcome;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        for (String s : ApiStubs.SOURCES) {
            cases.add(new Case(s, "success", "found", null, t -> { }));
            cases.add(new Case(s, "no match", "not_found", null, t -> forget(s)));
            cases.add(new Case(s, "HTTP 401", "failed", "401", t -> ApiStubs.answerAll(s, status(401, "{\"error\":{\"status\":401,\"message\":\"Invalid access token\"}}"))));
            cases.add(new Case(s, "HTTP 403", "failed", "403", t -> ApiStubs.answerAll(s, status(403, "{\"error\":{\"status\":403,\"message\":\"Forbidden\"}}"))));
            cases.add(new Case(s, "HTTP 404", s.equals("acousticbrainz") ? "not_found" : "failed", s.equals("acousticbrainz") ? null : "404",
                    t -> ApiStubs.answerAll(s, status(404, "{\"error\":\"Not Found\"}"))));
            cases.add(new Case(s, "HTTP 429", "rate_limited", "429", t -> ApiStubs.answerAll(s, status(429, "{\"message\":\"You are making requests too quickly.\"}"))));
            cases.add(new Case(s, "HTTP 500", "failed", "HTTP 500", t -> ApiStubs.answerAll(s, ApiStubs.serverError())));
            cases.add(new Case(s, "HTTP 503", "rate_limited", "503", t -> ApiStubs.answerAll(s, status(503,
                    "{\"error\":\"Your requests are exceeding the allowable rate limit. Please see http://wiki.musicbrainz.org/XMLWebService for more information.\"}"))));
            cases.add(new Case(s, "HTML body", "failed", "text/html", t -> ApiStubs.answerAll(s, aResponse().withStatus(200)
                    .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<!DOCTYPE html><html><body>Maintenance</body></html>"))));
            cases.add(new Case(s, "truncated JSON", "failed", "unparsable", t -> ApiStubs.answerAll(s, okJson("{\"tracks\":{\"items\":[{\"id\":\"6NPVjN"))));
            cases.add(new Case(s, "numbers as strings", "found", null, t -> numbersAsStrings(s, t)));
            cases.add(new Case(s, "missing fields", missingFieldsOutcome(s), null, t -> missingFields(s, t)));
        }
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachAnswerGivesItsOutcomeAndNothingEscapesTheBranch(Case c) throws Exception {
        TestTrack t = TestTrack.numbered(300 + ApiStubs.SOURCES.indexOf(c.source()));
        ApiStubs.knowEverywhere(t);
        c.stub().accept(t);
        UUID id = addTracks(List.of(t)).get(0);

        runEnrich(null);

        Map<String, String> outcomes = outcomes(id);
        assertThat(outcomes).as("outcomes").containsEntry(c.source(), c.outcome());
        String error = error(id, c.source());
        if (c.errorContains() != null) {
            assertThat(error).contains(c.errorContains());
        }
        // nothing escaped the branch: no "branch error", no unexpected exception type
        Map<String, Object> status = status(id);
        String message = String.valueOf(status.get("error_message"));
        assertThat(message).doesNotContain("branch error").doesNotContain("unexpected ").doesNotContain("fan-out timeout");
        // the other sources' answers are untouched (AcousticBrainz needs MusicBrainz's recording id)
        outcomes.forEach((source, outcome) -> {
            if (!source.equals(c.source())) {
                boolean needsMusicBrainz = source.equals("acousticbrainz") && c.source().equals("musicbrainz") && !c.outcome().equals("found");
                assertThat(outcome).as(source).isEqualTo(needsMusicBrainz ? "skipped" : "found");
            }
        });
        if (c.answer().equals("numbers as strings")) {
            JsonNode data = json.readTree(jdbc.queryForObject(
                    "SELECT data::text FROM enrichment_source_status WHERE track_id = ? AND source = ?", String.class, id, c.source()));
            assertNumbersRead(c.source(), t, data);
        }
    }

    private static void assertNumbersRead(String source, TestTrack t, JsonNode data) {
        switch (source) {
            case "spotify" -> {
                assertThat(data.path("duration_ms").isNumber()).isTrue();
                assertThat(data.path("duration_ms").asLong()).isEqualTo(t.durationMs());
                assertThat(data.path("popularity").asLong()).isEqualTo(71);
            }
            case "musicbrainz" -> assertThat(data.path("duration_ms").asLong()).isEqualTo(t.durationMs());
            case "discogs" -> {
                assertThat(data.path("year").isNumber()).isTrue();
                assertThat(data.path("year").asLong()).isEqualTo(2014);
            }
            case "lastfm" -> {
                assertThat(data.path("lastfm_listeners").isNumber()).isTrue();
                assertThat(data.path("lastfm_listeners").asLong()).isEqualTo(1234);
            }
            case "acousticbrainz" -> assertThat(data.path("bpm").asDouble()).isEqualTo(124.0);
            case "getsongbpm" -> assertThat(data.path("bpm").asDouble()).isEqualTo(124.0);
            default -> throw new IllegalArgumentException(source);
        }
    }

    private static ResponseDefinitionBuilder status(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Back to the source's default "no match" answer for everything. */
    private static void forget(String source) {
        String prefix = ApiStubs.PREFIX.get(source);
        ApiStubs.server().getStubMappings().stream()
                .filter(m -> m.getPriority() != null && m.getPriority() == 5)
                .filter(m -> String.valueOf(m.getRequest().getUrlPath()).startsWith(prefix)
                        || String.valueOf(m.getRequest().getUrlPathPattern()).startsWith(prefix))
                .toList()
                .forEach(m -> ApiStubs.server().removeStub(m));
    }

    private static void stub(String source, String pathRegex, String body) {
        ApiStubs.server().stubFor(get(urlPathMatching(ApiStubs.PREFIX.get(source) + pathRegex)).atPriority(3).willReturn(okJson(body)));
    }

    private static void numbersAsStrings(String source, TestTrack t) {
        switch (source) {
            case "spotify" -> stub(source, "/search", """
                    {"tracks":{"items":[{"id":"%s","name":"%s","duration_ms":"%d","popularity":"71","explicit":"false",
                    "artists":[{"id":"a1","name":"%s"}],"external_ids":{"isrc":"%s"},
                    "album":{"name":"x","release_date":"2014","images":[{"url":"https://i.scdn.co/image/x","width":"640","height":"640"}]}}],
                    "total":"1","limit":"10","offset":"0"}}
                    """.formatted(t.spotifyId(), t.title(), t.durationMs(), t.artist(), t.isrc()));
            case "musicbrainz" -> stub(source, "/recording", """
                    {"created":"2015-01-12T06:01:11.335Z","count":"1","offset":"0","recordings":[{"id":"%s","score":"100","title":"%s",
                    "length":"%d","artist-credit":[{"artist":{"id":"a-1","name":"%s","sort-name":"%s"}}]}]}
                    """.formatted(t.mbid(), t.title(), t.durationMs(), t.artist(), t.artist()));
            case "discogs" -> {
                long id = Math.abs((long) t.mbid().hashCode());
                stub(source, "/database/search", """
                        {"pagination":{"page":"1","pages":"1","per_page":"10","items":"1"},"results":[{"id":"%d","type":"release",
                        "title":"%s - %s","year":"2014","label":"Test Label","genre":["House"],"style":["Deep House"],"country":"UK"}]}
                        """.formatted(id, t.artist(), t.title()));
                stub(source, "/releases/" + id, """
                        {"id":"%d","title":"%s","year":"2014","master_id":"0","artists":[{"name":"%s","id":"1"}],
                        "labels":[{"name":"Test Label","catno":"TL 001","id":"5"}],
                        "tracklist":[{"position":"A","title":"%s","duration":"3:20"}]}
                        """.formatted(id, t.title(), t.artist(), t.title()));
            }
            case "lastfm" -> stub(source, "/", """
                    {"track":{"name":"%s","mbid":"","duration":"%d","listeners":"1234","playcount":"56789",
                    "artist":{"name":"%s","mbid":""},"toptags":{"tag":[{"name":"house","url":"x"}]}}}
                    """.formatted(t.title(), t.durationMs(), t.artist()));
            case "acousticbrainz" -> stub(source, "/.*/low-level", """
                    {"rhythm":{"bpm":"124.02"},"tonal":{"key_key":"A","key_scale":"minor","key_strength":"0.61"}}
                    """);
            case "getsongbpm" -> stub(source, "/search/", """
                    {"search":[{"id":"x","title":"%s","tempo":"124","time_sig":"4/4","key_of":"Am","open_key":"1m",
                    "danceability":"70","acousticness":"5","artist":{"id":"y","name":"%s"}}]}
                    """.formatted(t.title(), t.artist()));
            default -> throw new IllegalArgumentException(source);
        }
    }

    /** A source whose answer, with fields missing, still names the track is found; one left with no data is not_found. */
    private static String missingFieldsOutcome(String source) {
        return switch (source) {
            case "lastfm", "acousticbrainz", "getsongbpm" -> "not_found";
            default -> "found";
        };
    }

    private static void missingFields(String source, TestTrack t) {
        switch (source) {
            case "spotify" -> stub(source, "/search", """
                    {"tracks":{"items":[{"id":"%s","name":"%s","artists":[{"name":"%s"}]},{"name":"no id"},{"id":null}]}}
                    """.formatted(t.spotifyId(), t.title(), t.artist()));
            case "musicbrainz" -> stub(source, "/recording", """
                    {"recordings":[{"id":"%s","title":"%s","artist-credit":[{"name":"%s"}]},{"title":"no id"}]}
                    """.formatted(t.mbid(), t.title(), t.artist()));
            case "discogs" -> {
                long id = Math.abs((long) t.mbid().hashCode());
                stub(source, "/database/search", """
                        {"results":[{"id":%d,"title":"%s - %s"},{"title":"no id"}]}
                        """.formatted(id, t.artist(), t.title()));
                stub(source, "/releases/" + id, """
                        {"id":%d,"artists":[{"name":"%s"}],"tracklist":[{"title":"%s"},{"position":"B"}]}
                        """.formatted(id, t.artist(), t.title()));
            }
            case "lastfm" -> stub(source, "/", """
                    {"track":{"name":"%s","artist":"%s"}}
                    """.formatted(t.title(), t.artist()));
            case "acousticbrainz" -> stub(source, "/.*/low-level", "{\"metadata\":{},\"rhythm\":{},\"tonal\":{}}");
            case "getsongbpm" -> stub(source, "/search/", """
                    {"search":[{"id":"x","title":"%s","artist":{"name":"%s"}}]}
                    """.formatted(t.title(), t.artist()));
            default -> throw new IllegalArgumentException(source);
        }
    }
}
