package dev.trackenricher.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class MetadataMergerTest {

    final MetadataMerger merger = new MetadataMerger(new MergeSettings(
            List.of("spotify", "musicbrainz", "discogs", "lastfm", "getsongbpm", "acousticbrainz"),
            Map.of("bpm", List.of("getsongbpm", "acousticbrainz", "spotify"), "key", List.of("getsongbpm", "acousticbrainz", "spotify"))));

    @Test
    @SuppressWarnings("unchecked")
    void eachFieldFromItsBestSourceWithProvenanceAndConflictsKept() {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        found.put("spotify", Map.of("isrc", "USQ4E1300686", "bpm", 160.1, "key", "F minor", "title", "Happy"));
        found.put("acousticbrainz", Map.of("bpm", 80.0, "key", "F minor"));
        found.put("getsongbpm", Map.of("bpm", 160, "key", "F minor"));
        found.put("musicbrainz", Map.of("isrc", "USQ4E1300686", "musicbrainz_id", "mbid-1"));

        Map<String, Object> m = merger.merge(found, List.of("spotify", "musicbrainz", "getsongbpm", "acousticbrainz"),
                Instant.parse("2026-11-29T12:00:00Z"));

        assertThat(m.get("bpm")).isEqualTo(160);
        assertThat(m.get("isrc")).isEqualTo("USQ4E1300686");
        assertThat(m.get("camelot_key")).isEqualTo("4A");
        assertThat(m.get("open_key")).isEqualTo("9m");
        Map<String, String> provenance = (Map<String, String>) m.get("field_sources");
        assertThat(provenance).containsEntry("bpm", "getsongbpm").containsEntry("isrc", "spotify")
                .containsEntry("musicbrainz_id", "musicbrainz").containsEntry("camelot_key", "getsongbpm");
        Map<String, Map<String, Object>> conflicts = (Map<String, Map<String, Object>>) m.get("conflicts");
        // 160.1 and 80.0 differ from 160; the equal ISRC and keys are no conflict
        assertThat(conflicts).containsOnlyKeys("acousticbrainz", "spotify");
        assertThat(conflicts.get("acousticbrainz")).containsExactly(Map.entry("bpm", 80.0));
        assertThat(conflicts.get("spotify")).containsExactly(Map.entry("bpm", 160.1));
        assertThat(m.get("enrichment_sources")).isEqualTo(List.of("spotify", "musicbrainz", "getsongbpm", "acousticbrainz"));
        assertThat(m.get("enriched_at")).isEqualTo("2026-11-29T12:00:00Z");
    }

    @Test
    void consensusFieldsInTheMergedJson() throws Exception {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        found.put("getsongbpm", Map.of("bpm", 87, "key", "F#m"));
        found.put("acousticbrainz", Map.of("bpm", 174.0, "key", "A major"));
        found.put("spotify", Map.of("bpm", 86.9, "key", "F♯ minor", "isrc", "JPTF0O100101"));
        found.put("musicbrainz", Map.of("isrc", "JPTF00100101", "isrcs", List.of("JPTF00100101")));

        Map<String, Object> m = merger.merge(found, Map.of("spotify", 0.93, "getsongbpm", 0.88, "musicbrainz", 0.9),
                List.of("getsongbpm", "acousticbrainz", "spotify", "musicbrainz"), Instant.parse("2026-11-29T12:00:00Z"));
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(m));

        assertThat(json.path("bpm").asInt()).isEqualTo(87);
        JsonNode bpm = json.path("bpm_confidence");
        assertThat(bpm.path("status").asText()).isEqualTo("agreed");
        assertThat(bpm.path("agreeing").asInt()).isEqualTo(3);
        assertThat(bpm.path("sources").asInt()).isEqualTo(3);
        assertThat(bpm.path("by_source").path("spotify").path("match_confidence").asDouble()).isEqualTo(0.93);
        assertThat(bpm.path("by_source").path("getsongbpm").path("match_confidence").asDouble()).isEqualTo(0.88);
        assertThat(bpm.path("by_source").path("acousticbrainz").path("read_as").asDouble()).isEqualTo(87.0);
        assertThat(bpm.path("by_source").path("acousticbrainz").has("match_confidence")).as("looked up by MBID: no match confidence").isFalse();

        // two say F♯ minor in two notations, one says A major (its relative major): the dissenter under conflicts
        assertThat(json.path("key").asText()).isEqualTo("F#m");
        assertThat(json.path("camelot_key").asText()).isEqualTo("11A");
        JsonNode key = json.path("key_confidence");
        assertThat(key.path("status").asText()).isEqualTo("majority");
        assertThat(key.path("agreeing").asInt()).isEqualTo(2);
        assertThat(key.path("by_source").path("acousticbrainz").path("agrees").asBoolean()).isFalse();
        JsonNode conflicts = json.path("conflicts");
        assertThat(conflicts.path("acousticbrainz").path("key").asText()).isEqualTo("A major");
        assertThat(conflicts.path("getsongbpm").has("key")).isFalse();
        assertThat(conflicts.path("spotify").has("key")).as("another notation of the merged key is no conflict").isFalse();
        // 174 and 86.9 agree with 87 yet are other numbers: kept, as any value other than the merged one
        assertThat(conflicts.path("acousticbrainz").path("bpm").asDouble()).isEqualTo(174.0);
        assertThat(conflicts.path("spotify").path("bpm").asDouble()).isEqualTo(86.9);

        // Spotify's ISRC has the letter O in its year (not an ISRC): MusicBrainz's valid code, Spotify's kept under conflicts
        assertThat(json.path("isrc").asText()).isEqualTo("JPTF00100101");
        assertThat(json.path("field_sources").path("isrc").asText()).isEqualTo("musicbrainz");
        assertThat(conflicts.path("spotify").path("isrc").asText()).isEqualTo("JPTF0O100101");
    }

    @Test
    void bpmsThatDisagreeAreBothKeptUnderConflicts() {
        Map<String, Object> m = merger.merge(Map.of("getsongbpm", Map.of("bpm", 120), "spotify", Map.of("bpm", 128.0)),
                Map.of("spotify", 0.95), List.of("getsongbpm", "spotify"), Instant.parse("2026-11-29T12:00:00Z"));

        assertThat(m).containsEntry("bpm", 120);
        assertThat((Map<String, Object>) m.get("bpm_confidence")).containsEntry("status", "disputed").containsEntry("agreeing", 1);
        assertThat((Map<String, Map<String, Object>>) m.get("conflicts"))
                .isEqualTo(Map.of("getsongbpm", Map.of("bpm", 120), "spotify", Map.of("bpm", 128.0)));
    }

    @Test
    void noValidIsrcMeansNoIsrcAndTheInvalidOneIsKept() {
        Map<String, Object> m = merger.merge(Map.of("spotify", Map.of("isrc", "JPTF0O100101", "title", "x")), List.of("spotify"),
                Instant.parse("2026-11-29T12:00:00Z"));
        assertThat(m).doesNotContainKey("isrc");
        assertThat((Map<String, String>) m.get("field_sources")).doesNotContainKey("isrc");
        assertThat((Map<String, Map<String, Object>>) m.get("conflicts")).isEqualTo(Map.of("spotify", Map.of("isrc", "JPTF0O100101")));
    }

    @Test
    void nothingFoundStillRecordsTheRun() {
        Map<String, Object> m = merger.merge(Map.of(), List.of(), Instant.parse("2026-11-29T12:00:00Z"));
        assertThat(m).containsKeys("enrichment_sources", "enriched_at", "field_sources").doesNotContainKey("camelot_key");
    }

    @Test
    void numbersCompareByValue() {
        assertThat(MetadataMerger.sameValue(124, 124.0)).isTrue();
        assertThat(MetadataMerger.sameValue(124L, 124.02)).isFalse();
        assertThat(MetadataMerger.sameValue("Happy", "happy")).isTrue();
    }
}
