package dev.trackenricher.source.acousticbrainz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.support.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recorded AcousticBrainz body in fixtures/acousticbrainz/, read by the client's mapping. */
class AcousticBrainzFixturesTest {

    @Test
    void lowlevelPlusHighlevelMergedLaGrange() {
        Map<String, Object> f = AcousticBrainzClient.fields(Fixtures.json("acousticbrainz/lowlevel-plus-highlevel-merged-cd3f5efa.json"));

        // rhythm.bpm 162.532119751; tonal.key_key "A" + key_scale "minor"; key_strength 0.636936545372
        assertThat(f).containsExactlyInAnyOrderEntriesOf(Map.of("bpm", 162.5, "key", "A minor", "key_strength", 0.637));
    }

    @Test
    void numbersAsStringsAndMissingParts() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(AcousticBrainzClient.fields(json.readTree("{\"rhythm\":{\"bpm\":\"124.02\"},\"tonal\":{\"key_key\":\"F#\",\"key_scale\":\"major\"}}")))
                .containsEntry("bpm", 124.0).containsEntry("key", "F♯ major");
        assertThat(AcousticBrainzClient.fields(json.readTree("{\"rhythm\":{},\"metadata\":{}}"))).isEmpty();
        assertThat(AcousticBrainzClient.fields(json.readTree("{\"rhythm\":{\"bpm\":0},\"tonal\":{\"key_key\":\"A\"}}"))).isEmpty();
    }
}
