package dev.trackenricher.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
