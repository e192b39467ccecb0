package dev.trackenricher.support.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.support.Fixtures;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The answers the wire classes build use only the field names, nesting and value types of the
 * recorded answers in src/test/resources/fixtures: a misspelt or misplaced field here would make
 * every stubbed test speak a format the real API never sends.
 */
class WireShapesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void spotifySearchAndTrackUseTheRecordedShape() throws Exception {
        SpotifyWire.Track track = new SpotifyWire.Track("6NPVjNh8Jhru9xOmyQigds", "Happy", 233305, false, "USQ4E1300686",
                List.of(new SpotifyWire.Artist("2RdwBSPQiwcmiDo9kixcl8", "Pharrell Williams")),
                new SpotifyWire.Album("5j3bFAlM1ofeoS2Q2rCZoi", "G I R L", "album", "2014-03-03", List.of(SpotifyWire.Image.cover("ab67"))),
                89);
        assertRecorded(SpotifyWire.search(List.of(track)), "spotify/search-track-happy-pharrell.json",
                "spotify/track-6NPVjNh8Jhru9xOmyQigds-happy.json@tracks.items[]");
        assertRecorded(SpotifyWire.search(List.of()), "spotify/search-track-no-results.json");
        assertRecorded(SpotifyWire.trackAnswer(track), "spotify/track-6NPVjNh8Jhru9xOmyQigds-happy.json");
    }

    @Test
    void musicBrainzSearchAndIsrcLookupUseTheRecordedShape() throws Exception {
        MusicBrainzWire.Recording r = new MusicBrainzWire.Recording("bf7845cc-eac3-48a3-8b06-543b4b7ba117", 100, "Hey Boy Hey Girl", 289946,
                "", "1999-06-21", List.of(new MusicBrainzWire.Credit("The Chemical Brothers", " & ", "1f9df192-a621-4f54-8850-2c5373b7eac9",
                        "The Chemical Brothers", "Chemical Brothers, The")), List.of("GBAAA9900303"),
                List.of(new MusicBrainzWire.Release("9c3a8a7c-8c3f-4d2b-b4e5-1c2e3e1d7c11", "Surrender", "Official", "1999-06-21", "GB",
                        new MusicBrainzWire.ReleaseGroup("4b8bd2e6-8b43-3b8b-9c4f-4c7b8b1c3a10", "Album"))));
        String[] recordings = {"musicbrainz/picard-recording-search-result-item.json@recordings[]",
            "musicbrainz/picard-recording-lookup-multi-artist-credit-TRIMMED.json@recordings[]",
            "musicbrainz/ws2-recording-lookup-inc-releases-release-groups-artists.expected.json@recordings[]",
            "musicbrainz/ws2-recording-lookup-inc-isrcs.expected.json@recordings[]"};
        assertRecorded(MusicBrainzWire.search(List.of(r), 120, 100), List.of(),
                concat("musicbrainz/ws2-recording-search-love-2015.json", recordings));
        assertRecorded(MusicBrainzWire.isrcLookup("GBAAA9900303", List.of(r.withScore(null))), List.of(),
                concat("musicbrainz/ws2-isrc-GBAAA9900303-lookup.expected.json", recordings));
        assertRecorded(MusicBrainzWire.lookup(r.withScore(null)), List.of(),
                "musicbrainz/ws2-recording-lookup-inc-releases-release-groups-artists.expected.json",
                "musicbrainz/picard-recording-lookup-multi-artist-credit-TRIMMED.json", "musicbrainz/ws2-recording-lookup-inc-isrcs.expected.json");
    }

    @Test
    void musicBrainzBatchAnswersUseTheRecordedShape() throws Exception {
        MusicBrainzWire.Recording a = new MusicBrainzWire.Recording("bf7845cc-eac3-48a3-8b06-543b4b7ba117", 100, "Hey Boy Hey Girl", 289946,
                "", null, List.of(MusicBrainzWire.Credit.of("The Chemical Brothers", "1f9df192-a621-4f54-8850-2c5373b7eac9")),
                List.of("GBAAA9900303"), List.of());
        MusicBrainzWire.Recording b = new MusicBrainzWire.Recording("162630d9-36d2-4a8d-ade1-1c77440b34e7", 100, "Kasaa", 240000,
                null, null, List.of(MusicBrainzWire.Credit.of("Boa", "9f5ad6b6-0000-0000-0000-000000000000")), List.of("JPA600102450"), null);
        // a search over several ISRCs is a search page like any other; its hits carry the ISRCs they were found by
        assertThat(MusicBrainzWire.isrcQuery(List.of("GBAAA9900303", "JPA600102450"))).isEqualTo("isrc:GBAAA9900303 OR isrc:JPA600102450");
        assertRecorded(MusicBrainzWire.search(List.of(a, b), 2, 0), List.of(), "musicbrainz/ws2-recording-search-love-2015.json",
                "musicbrainz/picard-recording-search-result-item.json@recordings[]",
                "musicbrainz/ws2-recording-lookup-inc-isrcs.expected.json@recordings[]");
        List<String> ids = new java.util.ArrayList<>();
        tree(MusicBrainzWire.search(List.of(a, b), 2, 0)).path("recordings").forEach(r -> ids.add(r.path("id").asText()));
        assertThat(ids).containsExactly(a.id(), b.id());

        // no recorded URL lookup: the recording a relation names holds only fields of a recorded recording, and the
        // envelope is the documented one (url-count, url-offset, urls[] of id, resource, relations[])
        MusicBrainzWire.Url spotify = new MusicBrainzWire.Url("5d4fa3a2-0000-4000-8000-000000000001",
                MusicBrainzWire.SPOTIFY_TRACK_URL + "6NPVjNh8Jhru9xOmyQigds", List.of(a));
        assertRecorded(MusicBrainzWire.urlLookup(List.of(spotify)), List.of(":OBJECT", "url-count:NUMBER", "url-offset:NUMBER", "urls:ARRAY",
                "urls[]:OBJECT", "urls[].id:STRING", "urls[].resource:STRING", "urls[].relations:ARRAY", "urls[].relations[]:OBJECT",
                "urls[].relations[].type:STRING", "urls[].relations[].target-type:STRING", "urls[].relations[].direction:STRING",
                "urls[].relations[].attributes:ARRAY", "urls[].relations[].begin:NULL", "urls[].relations[].end:NULL",
                "urls[].relations[].ended:BOOLEAN"), "musicbrainz/ws2-recording-lookup-inc-artists.expected.json@urls[].relations[].recording");
        assertThat(tree(MusicBrainzWire.urlLookup(spotify)).path("relations").get(0).path("recording").path("id").asText()).isEqualTo(a.id());
        assertThat(tree(MusicBrainzWire.urlLookup(List.of())).path("urls").isEmpty()).isTrue();
    }

    @Test
    void discogsSearchAndReleaseUseTheRecordedShape() throws Exception {
        assertRecorded(DiscogsWire.search(List.of(new DiscogsWire.SearchResult(1, "The Persuader - Stockholm", "1999", "Sweden",
                List.of("Vinyl"), List.of("Svek"), List.of("Electronic"), List.of("Deep House"), "SK032"))),
                // the recorded search is an old reply: label as one string, no master_id
                List.of("results[].label:ARRAY", "results[].label[]:STRING", "results[].master_id:NUMBER"),
                "discogs/database-search-q-trash80.json");
        assertRecorded(DiscogsWire.releaseAnswer(new DiscogsWire.Release(1, "Stockholm", 1999, "Sweden", "1999-03-00",
                List.of(new DiscogsWire.Artist("The Persuader", 1)), List.of(new DiscogsWire.Label("Svek", "SK032", 5)),
                List.of("Electronic"), List.of("Deep House"), List.of(new DiscogsWire.TrackEntry("A", "Östermalm", "4:45")))),
                "discogs/release-1.json", "discogs/release-8138518.json");
    }

    @Test
    void lastFmInfoTagsAndErrorsUseTheRecordedShape() throws Exception {
        assertRecorded(LastFmWire.info(new LastFmWire.TrackInfo("Believe", "32ca187e-ee25-4f18-b7d0-3b6713f24635",
                "https://www.last.fm/music/Cher/_/Believe", 240000, 1000, 2000, new LastFmWire.Artist("Cher", "", "https://www.last.fm/music/Cher"),
                new LastFmWire.Album("Cher", "Believe", ""), List.of(new LastFmWire.Tag("pop", "https://www.last.fm/tag/pop")))),
                "lastfm/track-getInfo-cher-believe.json");
        assertRecorded(LastFmWire.topTags("Radiohead", "Paranoid Android", List.of(new LastFmWire.WeightedTag(100, "alternative"))),
                "lastfm/track-getTopTags-radiohead-paranoid-android.json");
        assertRecorded(LastFmWire.notFound(), "lastfm/error-6-not-found.json");
    }

    @Test
    void acousticBrainzLowLevelUsesTheRecordedShape() throws Exception {
        AcousticBrainzWire.LowLevel l = new AcousticBrainzWire.LowLevel("cd3f5efa-0000-0000-0000-000000000000", 124.02, 400, "A", "minor", 0.61);
        assertRecorded(AcousticBrainzWire.lowLevel(l), "acousticbrainz/lowlevel-plus-highlevel-merged-cd3f5efa.json");
        assertThat(AcousticBrainzWire.mbidOf(AcousticBrainzWire.lowLevelPath(l.mbid()))).isEqualTo(l.mbid());
        assertThat(AcousticBrainzWire.mbidOf("/not-an-id/low-level")).isNull();

        // the bulk answer holds, under each known id and its submission "0", the recorded document
        String other = "0a8e8d55-0000-0000-0000-000000000000";
        Map<String, AcousticBrainzWire.LowLevel> known = new java.util.LinkedHashMap<>();
        known.put(l.mbid(), l);
        known.put(other, new AcousticBrainzWire.LowLevel(other, 98.5, null, "C", "major", 0.4));
        JsonNode bulk = tree(AcousticBrainzWire.bulkLowLevel(known));
        assertThat(bulk.fieldNames()).toIterable().containsExactly(l.mbid(), other);
        Set<String> recorded = paths(Fixtures.json("acousticbrainz/lowlevel-plus-highlevel-merged-cd3f5efa.json"), "");
        for (String id : known.keySet()) {
            assertThat(bulk.path(id).fieldNames()).toIterable().containsExactly("0");
            assertThat(paths(bulk.path(id).path("0"), "")).as("document of " + id).isSubsetOf(recorded);
        }
        assertThat(AcousticBrainzWire.recordingIds(l.mbid().toUpperCase() + ";" + other + ":1;" + l.mbid())).containsExactly(l.mbid(), other);
        assertThat(AcousticBrainzWire.tooManyIds().status()).isEqualTo(400);
    }

    @Test
    void errorsAndLimitsSpeakEachApisShape() throws Exception {
        assertThat(tree(SpotifyWire.rateLimited(30)).path("error").path("status").asInt()).isEqualTo(429);
        assertThat(SpotifyWire.rateLimited(30).headers()).containsEntry("Retry-After", "30");
        assertThat(tree(SpotifyWire.quotaExceeded(40000)).path("error").path("reason").asText()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(SpotifyWire.quotaExceeded(40000).headers()).containsEntry("Retry-After", "40000");
        assertThat(SpotifyWire.audioFeaturesClosed().body()).isEqualTo("{\"error\":{\"status\":403}}");
        assertThat(MusicBrainzWire.rateLimited().status()).isEqualTo(503);
        assertThat(tree(MusicBrainzWire.rateLimited()).path("error").asText()).contains("exceeding the allowable rate limit");
        assertThat(DiscogsWire.tooManyRequests(60).headers()).containsEntry("X-Discogs-Ratelimit", "60")
                .containsEntry("X-Discogs-Ratelimit-Remaining", "0");
        assertThat(DiscogsWire.withRateLimitHeaders(DiscogsWire.notFound(), 60, 61).headers())
                .containsEntry("X-Discogs-Ratelimit-Used", "61").containsEntry("X-Discogs-Ratelimit-Remaining", "0");
        assertThat(LastFmWire.rateLimited().status()).isEqualTo(200);
        assertThat(tree(LastFmWire.rateLimited()).path("error").asInt()).isEqualTo(29);
        assertThat(tree(GetSongBpmWire.search(List.of())).path("search").path("error").asText()).isEqualTo("no result");
        assertThat(GetSongBpmWire.keyBlocked().status()).isEqualTo(429);
        assertThat(AcousticBrainzWire.rateLimited(10).headers()).containsEntry("X-RateLimit-Reset-In", "10");
        assertThat(DiscogsWire.duration(285_400)).isEqualTo("4:45");
    }

    private void assertRecorded(WireAnswer answer, String... fixtures) throws Exception {
        assertRecorded(answer, List.of(), fixtures);
    }

    /**
     * Every field path of the answer (array elements folded into {@code []}) occurs, with the same
     * JSON type, in one of the fixtures or in {@code documented} (what the API documents but the
     * recording lacks). {@code file@path} reads a fixture as if it stood at that path (a recording
     * lookup as a search hit).
     */
    private void assertRecorded(WireAnswer answer, List<String> documented, String... fixtures) throws Exception {
        assertThat(answer.contentType()).startsWith("application/json");
        Set<String> recorded = new TreeSet<>(documented);
        for (String f : fixtures) {
            String[] fileAndPath = f.split("@", 2);
            recorded.addAll(paths(Fixtures.json(fileAndPath[0]), fileAndPath.length > 1 ? fileAndPath[1] : ""));
        }
        assertThat(paths(tree(answer), "")).as("fields not in " + String.join(", ", fixtures)).isSubsetOf(recorded);
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private JsonNode tree(WireAnswer answer) throws Exception {
        return json.readTree(answer.body());
    }

    /** "tracks.items[].album.name:STRING", "tracks.items:ARRAY", … */
    private static Set<String> paths(JsonNode node, String at) {
        Set<String> out = new TreeSet<>();
        out.add(at + ":" + (node.isNull() ? "NULL" : node.isNumber() ? "NUMBER" : node.getNodeType().name()));
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.addAll(paths(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey()));
            }
        } else if (node.isArray()) {
            node.forEach(element -> out.addAll(paths(element, at + "[]")));
        }
        return out;
    }
}
