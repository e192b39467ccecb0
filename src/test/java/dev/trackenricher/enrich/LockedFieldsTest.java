package dev.trackenricher.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.status.FieldLock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Locks laid over a merge: the person's value stays, every differing source value is a conflict, the key's wheel positions follow. */
class LockedFieldsTest {

    static final Instant SET = Instant.parse("2026-11-30T10:00:00Z");
    final MetadataMerger merger = new MetadataMerger(new MergeSettings(List.of("getsongbpm", "acousticbrainz", "spotify"), Map.of()));

    @Test
    void aLockedFieldKeepsItsValueAndEverySourceThatDiffersIsAConflict() {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        found.put("getsongbpm", Map.of("bpm", 124.0, "key", "A minor"));
        found.put("acousticbrainz", Map.of("bpm", 128.0, "key", "C major"));
        found.put("spotify", Map.of("bpm", 124.0, "title", "Song"));
        Map<String, Object> merged = merger.merge(found, List.copyOf(found.keySet()), SET);
        assertThat(merged.get("bpm")).isEqualTo(124.0);

        Map<String, Object> locked = LockedFields.apply(merged, found,
                Map.of("bpm", new FieldLock("bpm", 128.0, SET, "anna"), "key", new FieldLock("key", "E minor", SET, "anna")));

        assertThat(locked).containsEntry("bpm", 128.0).containsEntry("key", "E minor").containsEntry("camelot_key", "9A")
                .containsEntry("open_key", "2m").containsEntry("title", "Song");
        @SuppressWarnings("unchecked")
        Map<String, Object> sources = (Map<String, Object>) locked.get("field_sources");
        assertThat(sources).containsEntry("bpm", LockedFields.MANUAL).containsEntry("key", LockedFields.MANUAL)
                .containsEntry("camelot_key", LockedFields.MANUAL).containsEntry("title", "spotify");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> conflicts = (Map<String, Map<String, Object>>) locked.get("conflicts");
        // AcousticBrainz agrees on the tempo now, the two who said 124 do not; every source's key differs
        assertThat(conflicts.get("getsongbpm")).containsEntry("bpm", 124.0).containsEntry("key", "A minor");
        assertThat(conflicts.get("spotify")).containsOnly(Map.entry("bpm", 124.0));
        assertThat(conflicts.get("acousticbrainz")).containsOnly(Map.entry("key", "C major"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> when = (Map<String, Map<String, Object>>) locked.get("locked_fields");
        assertThat(when.get("bpm")).containsEntry("set_at", SET.toString()).containsEntry("set_by", "anna");
        assertThat(merged.get("bpm")).as("the merger's answer is not changed").isEqualTo(124.0);
    }

    @Test
    void withoutLocksTheMergeIsAsItWas() {
        Map<String, Map<String, Object>> found = Map.of("spotify", Map.of("bpm", 124.0));
        Map<String, Object> merged = merger.merge(found, List.of("spotify"), SET);
        assertThat(LockedFields.apply(merged, found, Map.of())).isEqualTo(merged).doesNotContainKey("locked_fields");
    }
}
