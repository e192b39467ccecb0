package dev.trackenricher.source.getsongbpm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GetSongBPM has no recorded response under an open licence (fixtures/PROVENANCE.md), so these
 * bodies follow the shapes its documentation gives: tempo as a string or a number, key_of with ♯/♭, the
 * no-result object form.
 */
class GetSongBpmMappingTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void searchAnswerWithTempoAsString() throws Exception {
        JsonNode body = json.readTree("""
                {"search":[{"id":"o0QO","title":"Happy","uri":"https://getsongbpm.com/song/happy/o0QO","tempo":"160","time_sig":"4/4",
                "key_of":"F♯m","open_key":"4m","danceability":65,"acousticness":29,
                "artist":{"id":"x","name":"Pharrell Williams","uri":"x","genres":["pop"],"from":"US","mbid":""},
                "album":{"title":"G I R L","uri":"x","year":"2014"}}]}
                """);

        List<JsonNode> songs = GetSongBpmClient.songs(body).orElseThrow();
        Map<String, Object> f = GetSongBpmClient.fields(songs.get(0));

        assertThat(f).containsEntry("getsongbpm_id", "o0QO").containsEntry("bpm", 160.0).containsEntry("key", "F♯ minor")
                .containsEntry("time_signature", "4/4").containsEntry("danceability_score", 65L);
    }

    @Test
    void noResultObjectFormIsNoSongs() throws Exception {
        assertThat(GetSongBpmClient.songs(json.readTree("{\"search\":{\"error\":\"no result\"}}"))).isEmpty();
        assertThat(GetSongBpmClient.songs(json.readTree("{\"search\":[]}"))).isEmpty();
        assertThat(GetSongBpmClient.songs(json.readTree("{}"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"Em, E minor", "F♯m, F♯ minor", "C#m, C♯ minor", "B♭, B♭ major", "Bb, B♭ major", "E♭m, E♭ minor", "A♭, A♭ major", "D, D major"})
    void keyOfWithSharpsAndFlats(String keyOf, String key) throws Exception {
        JsonNode song = json.readTree("{\"id\":\"x\",\"tempo\":124,\"key_of\":\"" + keyOf + "\"}");
        assertThat(GetSongBpmClient.fields(song)).containsEntry("key", key).containsEntry("bpm", 124.0);
    }

    @Test
    void openKeyStandsInWhenKeyOfIsMissing() throws Exception {
        JsonNode song = json.readTree("{\"id\":\"x\",\"tempo\":\"128.5\",\"open_key\":\"1m\"}");
        assertThat(GetSongBpmClient.fields(song)).containsEntry("key", "A minor").containsEntry("bpm", 128.5);
    }

    @Test
    void theLookupUsesTheRequiredSyntax() {
        assertThat(GetSongBpmClient.lookup("Daft Punk feat. Pharrell Williams", "Get Lucky (feat. Pharrell Williams)"))
                .isEqualTo("song:Get Lucky artist:Daft Punk");
    }
}
