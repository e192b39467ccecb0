package dev.trackenricher.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;

/**
 * The merge as an operator configured it: batch-config/merge.yml, read as the service reads it.
 * Each field from its best source, provenance in field_sources, every losing different value kept
 * under conflicts.<losing source>.<field>, Camelot and Open Key from the winning key.
 */
class MergePolicyTest {

    static MetadataMerger merger;
    static MergeSettings settings;
    final Instant at = Instant.parse("2026-11-29T12:00:00Z");

    @BeforeAll
    static void readOperatorSettings() throws IOException {
        var yaml = new YamlPropertySourceLoader().load("merge.yml", new FileSystemResource("batch-config/merge.yml"));
        settings = new Binder(ConfigurationPropertySources.from(yaml)).bind("enricher.merge", Bindable.of(MergeSettings.class)).get();
        merger = new MetadataMerger(settings);
    }

    @Test
    void theConfiguredPriorities() {
        assertThat(settings.fieldPriority().get("isrc")).containsExactly("spotify", "musicbrainz");
        assertThat(settings.fieldPriority().get("bpm")).containsExactly("getsongbpm", "acousticbrainz", "spotify");
        assertThat(settings.fieldPriority().get("key")).containsExactly("getsongbpm", "acousticbrainz", "spotify");
    }

    @Test
    @SuppressWarnings("unchecked")
    void isrcFromSpotifyOverMusicBrainzWithTheLoserKept() {
        Map<String, Object> m = merge(Map.of(
                "musicbrainz", Map.of("isrc", "GBAHS1400099", "musicbrainz_id", "cb2cc207-8125-445c-9ef9-6ea44eee959a"),
                "spotify", Map.of("isrc", "GBAHS1400100", "spotify_id", "abc")));

        assertThat(m).containsEntry("isrc", "GBAHS1400100").containsEntry("musicbrainz_id", "cb2cc207-8125-445c-9ef9-6ea44eee959a");
        assertThat((Map<String, String>) m.get("field_sources")).containsEntry("isrc", "spotify").containsEntry("musicbrainz_id", "musicbrainz")
                .containsEntry("spotify_id", "spotify");
        assertThat(conflicts(m)).isEqualTo(Map.of("musicbrainz", Map.of("isrc", "GBAHS1400099")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void bpmAndKeyFromGetSongBpmThenAcousticBrainzThenSpotify() {
        Map<String, Object> all = merge(Map.of(
                "spotify", Map.of("bpm", 123.9, "key", "C major"),
                "acousticbrainz", Map.of("bpm", 124.0, "key", "A minor"),
                "getsongbpm", Map.of("bpm", 124.0, "key", "A minor")));
        assertThat(all).containsEntry("bpm", 124.0).containsEntry("key", "A minor").containsEntry("camelot_key", "8A").containsEntry("open_key", "1m");
        assertThat((Map<String, String>) all.get("field_sources")).containsEntry("bpm", "getsongbpm").containsEntry("key", "getsongbpm")
                .containsEntry("camelot_key", "getsongbpm").containsEntry("open_key", "getsongbpm");
        // AcousticBrainz agreed (no conflict); Spotify's different values are kept under its name
        assertThat(conflicts(all)).isEqualTo(Map.of("spotify", Map.of("bpm", 123.9, "key", "C major")));

        Map<String, Object> withoutGetSongBpm = merge(Map.of(
                "spotify", Map.of("bpm", 123.9, "key", "C major"),
                "acousticbrainz", Map.of("bpm", 124.0, "key", "F♯ minor")));
        assertThat(withoutGetSongBpm).containsEntry("bpm", 124.0).containsEntry("key", "F♯ minor")
                .containsEntry("camelot_key", "11A").containsEntry("open_key", "4m");
        assertThat((Map<String, String>) withoutGetSongBpm.get("field_sources")).containsEntry("bpm", "acousticbrainz");

        Map<String, Object> spotifyOnly = merge(Map.of("spotify", Map.of("bpm", 123.9, "key", "D♭ major")));
        assertThat(spotifyOnly).containsEntry("key", "D♭ major").containsEntry("camelot_key", "3B").containsEntry("open_key", "8d");
        assertThat(spotifyOnly).doesNotContainKey("conflicts");
    }

    @Test
    void fieldsWithoutTheirOwnPriorityFollowTheDefaultOrder() {
        Map<String, Object> m = merge(Map.of(
                "lastfm", Map.of("album", "Believe (Deluxe)", "lastfm_tags", List.of("pop")),
                "spotify", Map.of("album", "Believe"),
                "discogs", Map.of("label", "Warner", "genres", List.of("Electronic", "Pop")),
                "musicbrainz", Map.of("title", "Believe"),
                "getsongbpm", Map.of("genres", List.of("Pop"))));

        assertThat(m).containsEntry("album", "Believe").containsEntry("label", "Warner").containsEntry("genres", List.of("Electronic", "Pop"))
                .containsEntry("lastfm_tags", List.of("pop")).containsEntry("title", "Believe");
        assertThat(conflicts(m)).isEqualTo(Map.of("lastfm", Map.of("album", "Believe (Deluxe)"), "getsongbpm", Map.of("genres", List.of("Pop"))));
    }

    @Test
    void anUnreadableKeyGivesNoCamelot() {
        assertThat(merge(Map.of("getsongbpm", Map.of("key", "H dorian")))).containsEntry("key", "H dorian").doesNotContainKeys("camelot_key",
                "open_key");
    }

    private Map<String, Object> merge(Map<String, Map<String, Object>> found) {
        return merger.merge(new LinkedHashMap<>(found), List.copyOf(found.keySet()), at);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> conflicts(Map<String, Object> m) {
        return (Map<String, Map<String, Object>>) m.getOrDefault("conflicts", Map.of());
    }
}
