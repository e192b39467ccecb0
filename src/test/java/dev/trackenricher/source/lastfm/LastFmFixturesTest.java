package dev.trackenricher.source.lastfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.match.MatchQuery;
import dev.trackenricher.match.MatchSettings;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.source.http.HttpAnswer;
import dev.trackenricher.source.SourceConfigurationException;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceRateLimitedException;
import dev.trackenricher.support.Fixtures;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every recorded Last.fm body in fixtures/lastfm/, read by the client's mapping; and the error codes in a body. */
class LastFmFixturesTest {

    final ObjectMapper json = new ObjectMapper();
    final TrackMatcher matcher = new TrackMatcher(MatchSettings.defaults());

    @Test
    void trackGetInfoCherBelieveWithNumbersAsStrings() {
        JsonNode body = LastFmClient.read(ok(Fixtures.text("lastfm/track-getInfo-cher-believe.json")), json).orElseThrow();
        JsonNode track = body.path("track");

        Map<String, Object> f = LastFmClient.fields(track);

        assertThat(f).containsEntry("lastfm_tags", List.of("pop", "dance", "90s", "cher", "female vocalists"))
                // "listeners": "625010", "playcount": "3388179" arrive as strings
                .containsEntry("lastfm_listeners", 625010L)
                .containsEntry("lastfm_playcount", 3388179L)
                .containsEntry("lastfm_mbid", "32ca187e-ee25-4f18-b7d0-3b6713f24635")
                .containsEntry("lastfm_artist_mbid", "bfcc6d75-a6a5-4bc6-8282-47aec8531818")
                .containsEntry("lastfm_url", "https://www.last.fm/music/Cher/_/Believe")
                .containsEntry("album", "Believe");
        var candidate = LastFmClient.candidate(track);
        // "duration": "231000" (ms, a string)
        assertThat(candidate.durationMs()).isEqualTo(231000);
        assertThat(candidate.artists()).containsExactly("Cher");
        assertThat(matcher.best(new MatchQuery("Cher", "Believe", 239000), List.of(candidate))).isPresent();
        assertThat(matcher.best(new MatchQuery("Imagine Dragons", "Believer", null), List.of(candidate))).isEmpty();
    }

    @Test
    void trackGetTopTagsRadioheadParanoidAndroid() {
        JsonNode body = LastFmClient.read(ok(Fixtures.text("lastfm/track-getTopTags-radiohead-paranoid-android.json")), json).orElseThrow();

        List<String> tags = LastFmClient.topTags(body);

        // 90 tags, weights 100 down to 1: those below 10 ("favorites" 10 stays, "melancholic" 9 goes) are dropped
        assertThat(tags).startsWith("alternative", "alternative rock", "rock", "radiohead", "indie", "90s")
                .contains("favorites").doesNotContain("melancholic", "seen live").hasSize(14);
    }

    @Test
    void error6NotFoundIsAnAnswerWithHttp200() {
        assertThat(LastFmClient.read(ok(Fixtures.text("lastfm/error-6-not-found.json")), json)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {29, 8, 11, 16})
    void rateLimitAndTemporaryErrorsAreRetriable(int code) {
        assertThatThrownBy(() -> LastFmClient.read(ok("{\"error\":" + code + ",\"message\":\"try later\"}"), json))
                .isInstanceOf(SourceRateLimitedException.class).hasMessageContaining("Last.fm error " + code);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 26})
    void invalidOrSuspendedKeyIsAConfigurationError(int code) {
        assertThatThrownBy(() -> LastFmClient.read(ok("{\"error\":" + code + ",\"message\":\"Invalid API key\"}"), json))
                .isInstanceOf(SourceConfigurationException.class).hasMessageContaining("Last.fm error " + code);
        // the same code with HTTP 403, as Last.fm also sends it
        assertThatThrownBy(() -> LastFmClient.read(answer(403, "{\"error\":" + code + ",\"message\":\"Invalid API key\"}"), json))
                .isInstanceOf(SourceConfigurationException.class);
    }

    @Test
    void errorCodeAsStringAndUnknownCodes() {
        assertThat(LastFmClient.read(ok("{\"error\":\"6\",\"message\":\"Track not found\"}"), json)).isEmpty();
        assertThatThrownBy(() -> LastFmClient.read(ok("{\"error\":2,\"message\":\"Invalid service\"}"), json))
                .isExactlyInstanceOf(SourceFailureException.class);
        assertThatThrownBy(() -> LastFmClient.read(answer(500, "<html>Bad gateway</html>"), json))
                .isExactlyInstanceOf(SourceFailureException.class).hasMessageContaining("HTTP 500");
        assertThatThrownBy(() -> LastFmClient.read(answer(503, "<html>busy</html>"), json))
                .isInstanceOf(SourceRateLimitedException.class);
    }

    private static HttpAnswer ok(String body) {
        return answer(200, body);
    }

    private static HttpAnswer answer(int status, String body) {
        return new HttpAnswer("lastfm", URI.create("http://localhost/2.0/"), status, HttpHeaders.of(Map.of(), (a, b) -> true), body);
    }
}
