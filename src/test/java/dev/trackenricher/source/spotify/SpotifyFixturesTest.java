package dev.trackenricher.source.spotify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trackenricher.match.MatchQuery;
import dev.trackenricher.match.MatchSettings;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.source.client.HttpSourceClient;
import dev.trackenricher.support.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every recorded Spotify body in fixtures/spotify/, read by the client's mapping. */
class SpotifyFixturesTest {

    final TrackMatcher matcher = new TrackMatcher(MatchSettings.defaults());

    @Test
    void searchTrackHappyPharrell() {
        JsonNode body = Fixtures.json("spotify/search-track-happy-pharrell.json");

        List<JsonNode> items = SpotifyClient.items(body);
        assertThat(items).hasSize(1);
        Map<String, Object> f = SpotifyClient.fields(items.get(0));

        assertThat(f).containsEntry("spotify_id", "6NPVjNh8Jhru9xOmyQigds")
                .containsEntry("isrc", "USQ4E1300686")
                .containsEntry("title", "Happy")
                .containsEntry("artists", List.of("Pharrell Williams"))
                .containsEntry("spotify_artist_ids", List.of("2RdwBSPQiwcmiDo9kixcl8"))
                .containsEntry("album", "Despicable Me 2 (Original Motion Picture Soundtrack)")
                .containsEntry("duration_ms", 233305L)
                .containsEntry("popularity", 89L)
                .containsEntry("explicit", false)
                .containsEntry("artwork_url", "https://i.scdn.co/image/cb7905340c132365bbaee3f17498f062858382e8")
                .containsEntry("spotify_uri", "spotify:track:6NPVjNh8Jhru9xOmyQigds");
        // the ≤2016 search shape has no album release_date: absent, not invented
        assertThat(f).doesNotContainKey("release_date");
        // the hit is the catalogue's track
        assertThat(matcher.best(new MatchQuery("Pharrell Williams", "Happy", 233000), SpotifyClient.candidates(items)))
                .hasValueSatisfying(m -> assertThat(m.confidence()).isGreaterThan(0.95));
    }

    @Test
    void searchTrackJapaneseEdited() {
        List<JsonNode> items = SpotifyClient.items(Fixtures.json("spotify/search-track-japanese-EDITED.json"));
        Map<String, Object> f = SpotifyClient.fields(items.get(0));

        assertThat(f).containsEntry("title", "思想犯").containsEntry("artists", List.of("ヨルシカ")).containsEntry("album", "盗作");
        // non-Latin titles match through transliteration, and are not mistaken for the Latin track
        assertThat(matcher.best(new MatchQuery("ヨルシカ", "思想犯", null), SpotifyClient.candidates(items))).isPresent();
        assertThat(matcher.best(new MatchQuery("Pharrell Williams", "Happy", null), SpotifyClient.candidates(items))).isEmpty();
    }

    @Test
    void searchTrackNoResults() {
        JsonNode body = Fixtures.json("spotify/search-track-no-results.json");

        assertThat(SpotifyClient.items(body)).isEmpty();
        assertThat(body.path("tracks").path("total").asInt()).isZero();
    }

    @Test
    void trackHappyById() {
        Map<String, Object> f = SpotifyClient.fields(Fixtures.json("spotify/track-6NPVjNh8Jhru9xOmyQigds-happy.json"));

        assertThat(f).containsEntry("spotify_id", "6NPVjNh8Jhru9xOmyQigds")
                .containsEntry("isrc", "USQ4E1300686")
                .containsEntry("duration_ms", 233305L)
                .containsEntry("popularity", 1L)
                .containsEntry("release_date", "2013-06-18")
                .containsEntry("spotify_album_id", "5l3zEmMrOhOzG8d8s83GOL")
                .containsEntry("artwork_url", "https://i.scdn.co/image/ab67616d0000b27399140a62d43aec760f6172a2");
    }

    @Test
    void trackMultiartistEditedWithHyphenatedIsrc() {
        Map<String, Object> f = SpotifyClient.fields(Fixtures.json("spotify/track-6sjZfVJworBX6TqyjkxIJ1-multiartist-EDITED.json"));

        // "GB-SMU-45-66095" normalised to 12 upper-case characters
        assertThat(f).containsEntry("isrc", "GBSMU4566095")
                .containsEntry("spotify_id", "6sjZfVJworBX6TqyjkxIJ1")
                .containsEntry("title", "Akiba Nights")
                .containsEntry("artists", List.of("Foo", "Bar"))
                .containsEntry("spotify_artist_ids", List.of("12345", "67890"))
                .containsEntry("album", "Akiba Night")
                .containsEntry("release_date", "2017-12-22")
                .containsEntry("duration_ms", 225268L)
                .containsEntry("popularity", 29L);
    }

    @Test
    void popularityIsOptionalSinceMarch2026() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode track = (ObjectNode) Fixtures.json("spotify/track-6NPVjNh8Jhru9xOmyQigds-happy.json");
        track.remove("popularity");
        track.remove("available_markets");

        assertThat(SpotifyClient.fields(json.readTree(track.toString()))).doesNotContainKey("popularity").containsKey("spotify_id");
    }

    @Test
    void searchLimitNeverAboveTen() {
        assertThat(HttpSourceClient.searchLimit(50, SpotifyClient.MAX_SEARCH_LIMIT)).isEqualTo(10);
        assertThat(HttpSourceClient.searchLimit(0, SpotifyClient.MAX_SEARCH_LIMIT)).isEqualTo(1);
        assertThat(HttpSourceClient.searchLimit(5, SpotifyClient.MAX_SEARCH_LIMIT)).isEqualTo(5);
    }

    @Test
    void audioFeaturesMapToBpmAndKey() throws Exception {
        JsonNode features = new ObjectMapper().readTree(
                "{\"danceability\":0.647,\"energy\":0.822,\"key\":5,\"mode\":0,\"tempo\":160.019,\"valence\":0.962,\"id\":\"x\"}");

        assertThat(SpotifyClient.audioFeatureFields(features)).containsEntry("bpm", 160.0).containsEntry("key", "F minor")
                .containsEntry("energy", 0.822);
    }
}
