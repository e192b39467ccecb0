package dev.trackenricher.curation;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.JsonBody;
import dev.trackenricher.support.TestTrack;
import dev.trackenricher.support.wire.AcousticBrainzWire;
import dev.trackenricher.support.wire.GetSongBpmWire;
import dev.trackenricher.support.wire.MusicBrainzWire;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person's corrections: a field set by PATCH is locked (enrichment never overwrites it, a
 * differing source value goes under conflicts, field_sources says manual), a corrected identifier
 * makes the sources asked by it due again for that track only, a lock can be released, every
 * manual change is in the track's history, bad input is a 400 naming the field and changes
 * nothing, and strangers change nothing.
 */
class CorrectionsTest extends IntegrationTest {

    static final String NEW_MBID = "66666666-6666-4666-8666-666666666666";

    Http http;
    TestTrack t;
    TestTrack other;
    UUID id;
    UUID otherId;

    @BeforeEach
    void enrichedTracks() throws Exception {
        http = new Http(port);
        t = TestTrack.numbered(701);
        other = TestTrack.numbered(702);
        ApiStubs.knowEverywhere(t);
        ApiStubs.knowEverywhere(other);
        List<UUID> ids = addTracks(List.of(t, other));
        id = ids.get(0);
        otherId = ids.get(1);
        runEnrich(null);
        assertThat(metadata(id).path("bpm").asDouble()).isEqualTo(124.0);
        assertThat(metadata(id).path("field_sources").path("bpm").asText()).isEqualTo("getsongbpm");
    }

    @Test
    void aLockedBpmSurvivesAReEnrichmentThatReturnsAnotherValueKeptUnderConflictsAndCanBeReleased() throws Exception {
        Http.Answer patched = http.send(patch("/tracks/" + id, "{\"bpm\": 128}"));

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode m = patched.json().path("track").path("metadata");
        assertThat(m.path("bpm").asDouble()).isEqualTo(128.0);
        assertThat(m.path("field_sources").path("bpm").asText()).isEqualTo("manual");
        assertThat(m.path("locked_fields").path("bpm").path("set_by").asText()).isEqualTo("api");
        assertThat(m.path("locked_fields").path("bpm").path("set_at").asText()).isNotBlank();
        assertThat(m.path("conflicts").path("getsongbpm").path("bpm").asDouble()).isEqualTo(124.0);
        assertThat(patched.json().path("changes")).singleElement().satisfies(c -> {
            assertThat(c.path("field").asText()).isEqualTo("bpm");
            assertThat(c.path("old_value").asDouble()).isEqualTo(124.0);
            assertThat(c.path("new_value").asDouble()).isEqualTo(128.0);
        });
        assertThat(patched.json().path("sources_asked_again")).as("a merged field makes no source due").isEmpty();
        assertThat(metadata(id).path("bpm").asDouble()).as("stored, not only answered").isEqualTo(128.0);

        // GetSongBPM hears another tempo now, and is asked again
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("getsongbpm") + GetSongBpmWire.SEARCH)).atPriority(2)
                .withQueryParam("lookup", equalTo("song:" + t.title() + " artist:" + t.artist()))
                .willReturn(ApiStubs.response(GetSongBpmWire.search(List.of(new GetSongBpmWire.Song("gsb-x", t.title(), "x", "126", "4/4",
                        "Am", "1m", 70, 5, new GetSongBpmWire.Artist("x", t.artist(), "x", List.of(), "GB", ""),
                        new GetSongBpmWire.Album("x", "x", "2014")))))));
        apiCache.flush();
        jdbc.execute("TRUNCATE api_cache");
        jdbc.update("UPDATE enrichment_source_status SET outcome = 'failed' WHERE track_id = ? AND source = 'getsongbpm'", id);
        jdbc.update("UPDATE enrichment_status SET status = 'partial', next_attempt_at = now() WHERE track_id = ?", id);
        runEnrich(null);

        assertThat(outcomes(id)).containsEntry("getsongbpm", "found");
        JsonNode after = metadata(id);
        assertThat(after.path("bpm").asDouble()).as("the lock holds").isEqualTo(128.0);
        assertThat(after.path("field_sources").path("bpm").asText()).isEqualTo("manual");
        assertThat(after.path("conflicts").path("getsongbpm").path("bpm").asDouble()).isEqualTo(126.0);

        Http.Answer released = http.delete("/tracks/" + id + "/locks/bpm");
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        JsonNode free = metadata(id);
        assertThat(free.path("bpm").asDouble()).isEqualTo(126.0);
        assertThat(free.path("field_sources").path("bpm").asText()).isEqualTo("getsongbpm");
        assertThat(free.path("locked_fields").has("bpm")).isFalse();
        assertThat(history(id)).extracting(h -> h.path("action").asText() + " " + h.path("field").asText())
                .containsExactly("set bpm", "unlocked bpm");
        assertThat(history(id).get(1).path("old_value").asDouble()).isEqualTo(128.0);
        assertThat(history(id).get(1).path("new_value").asDouble()).isEqualTo(126.0);

        Http.Answer notLocked = http.delete("/tracks/" + id + "/locks/bpm");
        assertThat(notLocked.status()).isEqualTo(404);
        assertThat(notLocked.json().path("error").asText()).startsWith("bpm:");
        assertThat(error(http.delete("/tracks/" + id + "/locks/tempo"))).startsWith("tempo:");
    }

    @Test
    void aCorrectedMusicBrainzIdReAsksAcousticBrainzWithItForThatTrackOnlyAndTheHistoryListsBothChanges() throws Exception {
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("musicbrainz") + MusicBrainzWire.RECORDING_LOOKUP + NEW_MBID))
                .atPriority(2).willReturn(ApiStubs.response(MusicBrainzWire.lookup(new MusicBrainzWire.Recording(NEW_MBID, null, t.title(),
                        t.durationMs(), "the album version", "2013-06-01", List.of(MusicBrainzWire.Credit.of(t.artist(), "a-x")),
                        List.of(t.isrc()), List.of())))));
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("acousticbrainz") + AcousticBrainzWire.lowLevelPath(NEW_MBID)))
                .atPriority(2).willReturn(ApiStubs.response(AcousticBrainzWire.lowLevel(
                        new AcousticBrainzWire.LowLevel(NEW_MBID, 99.5, null, "D", "major", 0.7)))));
        assertThat(http.send(patch("/tracks/" + id, "{\"bpm\": 128}")).status()).isEqualTo(200);
        Map<String, Integer> otherAttempts = attempts(otherId);

        Http.Answer patched = http.send(patch("/tracks/" + id, JsonBody.of(Map.of("musicbrainz_id", NEW_MBID))));

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("sources_asked_again")).extracting(JsonNode::asText)
                .containsExactly("acousticbrainz", "musicbrainz");
        assertThat(patched.json().path("track").path("metadata").path("musicbrainz_id").asText()).isEqualTo(NEW_MBID);
        ApiStubs.server().resetRequests();
        runEnrich(null);

        // that track only, those sources only: MusicBrainz by the new id, then AcousticBrainz with it
        assertThat(ApiStubs.requests("musicbrainz")).singleElement()
                .satisfies(r -> assertThat(r.getUrl()).contains(MusicBrainzWire.RECORDING_LOOKUP + NEW_MBID));
        assertThat(ApiStubs.requests("acousticbrainz")).singleElement()
                .satisfies(r -> assertThat(r.getUrl()).contains(NEW_MBID));
        for (String untouched : List.of("spotify", "discogs", "lastfm", "getsongbpm")) {
            assertThat(ApiStubs.count(untouched)).as(untouched).isZero();
        }
        assertThat(attempts(otherId)).as("the other track").isEqualTo(otherAttempts);
        assertThat(ApiStubs.server().findAll(getRequestedFor(urlPathEqualTo(ApiStubs.PREFIX.get("acousticbrainz")
                + AcousticBrainzWire.lowLevelPath(other.mbid()))))).isEmpty();
        JsonNode m = metadata(id);
        assertThat(m.path("musicbrainz_id").asText()).isEqualTo(NEW_MBID);
        assertThat(m.path("field_sources").path("musicbrainz_id").asText()).isEqualTo("manual");
        assertThat(m.path("disambiguation").asText()).as("MusicBrainz's data is the new recording's").isEqualTo("the album version");
        assertThat(m.path("conflicts").path("acousticbrainz").path("bpm").asDouble()).as("AcousticBrainz heard the new recording")
                .isEqualTo(99.5);
        assertThat(m.path("bpm").asDouble()).isEqualTo(128.0);
        assertThat(status(id)).containsEntry("status", "completed");

        List<JsonNode> history = history(id);
        assertThat(history).extracting(h -> h.path("field").asText()).containsExactly("bpm", "musicbrainz_id");
        assertThat(history.get(1).path("old_value").asText()).isEqualTo(t.mbid());
        assertThat(history.get(1).path("new_value").asText()).isEqualTo(NEW_MBID);
        assertThat(history).allSatisfy(h -> {
            assertThat(h.path("action").asText()).isEqualTo("set");
            assertThat(h.path("by").asText()).isEqualTo("api");
            assertThat(h.path("at").asText()).isNotBlank();
        });
        assertThat(history(otherId)).isEmpty();
    }

    @Test
    void identifiersAndKeysAreTakenInTheSourcesFormAndTheCatalogueColumnsFollow() throws Exception {
        Http.Answer patched = http.send(patch("/tracks/" + id,
                "{\"isrc\": \"gb-aaa-99-00303\", \"spotify_id\": \"spotify:track:4uLU6hMCjMI75M1A2tKUQC\", \"key\": \"8B\", "
                        + "\"genres\": [\"House\", \"Deep House\", \"House\"], \"discogs_release_id\": 249504}"));

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode track = patched.json().path("track");
        assertThat(track.path("isrc").asText()).isEqualTo("GBAAA9900303");
        assertThat(track.path("spotify_id").asText()).isEqualTo("4uLU6hMCjMI75M1A2tKUQC");
        JsonNode m = track.path("metadata");
        assertThat(m.path("key").asText()).isEqualTo("C major");
        assertThat(m.path("camelot_key").asText()).isEqualTo("8B");
        assertThat(m.path("field_sources").path("camelot_key").asText()).isEqualTo("manual");
        assertThat(m.path("genres")).extracting(JsonNode::asText).containsExactly("House", "Deep House");
        assertThat(m.path("discogs_release_id").asLong()).isEqualTo(249504);
        assertThat(patched.json().path("sources_asked_again")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("acousticbrainz", "discogs", "musicbrainz", "spotify");
        assertThat(jdbc.queryForObject("SELECT isrc FROM tracks WHERE id = ?", String.class, id)).isEqualTo("GBAAA9900303");
        assertThat(jdbc.queryForList("SELECT source FROM enrichment_source_status WHERE track_id = ? AND ask_again ORDER BY source",
                String.class, id)).containsExactly("acousticbrainz", "discogs", "musicbrainz", "spotify");
        assertThat(jdbc.queryForList("SELECT source FROM enrichment_source_status WHERE track_id = ? AND ask_again", String.class,
                otherId)).isEmpty();
    }

    @Test
    void badInputIsA400NamingTheFieldAndChangesNothing() {
        String before = jdbc.queryForObject("SELECT metadata::text FROM tracks WHERE id = ?", String.class, id);

        assertThat(error(http.send(patch("/tracks/" + id, "{\"tempo\": 128}")))).startsWith("1 problem(s)").contains("tempo: unknown field");
        assertThat(error(http.send(patch("/tracks/" + id, "{\"isrc\": \"not-an-isrc\"}")))).contains("isrc:");
        assertThat(error(http.send(patch("/tracks/" + id, "{\"key\": \"H minor\"}")))).contains("key:");
        assertThat(error(http.send(patch("/tracks/" + id, "{\"camelot_key\": \"8A\"}")))).contains("camelot_key: is derived from key");
        assertThat(error(http.send(patch("/tracks/" + id, "{\"bpm\": null}")))).contains("bpm:");
        assertThat(error(http.send(patch("/tracks/" + id, "{\"bpm\": -3}")))).contains("bpm:");
        assertThat(error(http.send(patch("/tracks/" + id, "{\"musicbrainz_id\": \"12345\"}")))).contains("musicbrainz_id:");
        assertThat(error(http.send(patch("/tracks/" + id, "{\"discogs_release_id\": \"abc\"}")))).contains("discogs_release_id:");
        assertThat(error(http.send(patch("/tracks/" + id, "{\"genres\": [\"House\", 7]}")))).contains("genres[1]:");
        assertThat(error(http.send(patch("/tracks/" + id, "{}")))).startsWith("body:");
        assertThat(error(http.send(patch("/tracks/" + id, "[1]")))).startsWith("body:");
        assertThat(error(http.send(patch("/tracks/" + id, "{\"bpm\": 1, \"bpm\": 2}")))).startsWith("body:");
        assertThat(error(http.send(patch("/tracks/not-a-uuid", "{\"bpm\": 128}")))).startsWith("id:");
        assertThat(error(http.get("/tracks/not-a-uuid/history"))).startsWith("id:");
        Http.Answer several = http.send(patch("/tracks/" + id, "{\"bpm\": \"fast\", \"key\": \"H\", \"label\": \"Warp\"}"));
        assertThat(several.json().path("details")).extracting(JsonNode::asText).hasSize(2)
                .anySatisfy(d -> assertThat(d).startsWith("bpm:")).anySatisfy(d -> assertThat(d).startsWith("key:"));
        assertThat(http.send(patch("/tracks/" + UUID.randomUUID(), "{\"bpm\": 128}")).status()).isEqualTo(404);
        assertThat(http.get("/tracks/" + UUID.randomUUID() + "/history").status()).isEqualTo(404);

        assertThat(jdbc.queryForObject("SELECT metadata::text FROM tracks WHERE id = ?", String.class, id)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM track_locks", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM track_history", Integer.class)).isZero();
    }

    @Test
    void strangersChangeNothingAndATrackBeingEnrichedIsLeftAlone() {
        assertThat(http.send(patch("/tracks/" + id, "{\"bpm\": 128}")).status()).isEqualTo(200);
        String before = jdbc.queryForObject("SELECT metadata::text FROM tracks WHERE id = ?", String.class, id);

        assertThat(http.withoutToken().send(patch("/tracks/" + id, "{\"bpm\": 90}")).status()).isEqualTo(401);
        assertThat(http.withToken("not-the-token-at-all").send(patch("/tracks/" + id, "{\"musicbrainz_id\": \"" + NEW_MBID + "\"}"))
                .status()).isEqualTo(401);
        assertThat(http.withoutToken().delete("/tracks/" + id + "/locks/bpm").status()).isEqualTo(401);

        assertThat(jdbc.queryForObject("SELECT metadata::text FROM tracks WHERE id = ?", String.class, id)).isEqualTo(before);
        assertThat(jdbc.queryForList("SELECT field FROM track_locks WHERE track_id = ?", String.class, id)).containsExactly("bpm");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM track_history", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrichment_source_status WHERE ask_again", Integer.class)).isZero();

        jdbc.update("UPDATE enrichment_status SET status = 'in_progress', claimed_at = now() WHERE track_id = ?", id);
        Http.Answer busy = http.send(patch("/tracks/" + id, "{\"bpm\": 90}"));
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().path("error").asText()).contains("being enriched");
        assertThat(http.delete("/tracks/" + id + "/locks/bpm").status()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT metadata::text FROM tracks WHERE id = ?", String.class, id)).isEqualTo(before);
    }

    private java.net.http.HttpRequest.Builder patch(String path, String body) {
        return java.net.http.HttpRequest.newBuilder(http.uri(path)).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(body));
    }

    private JsonNode metadata(UUID track) {
        return http.get("/tracks/" + track).json().path("metadata");
    }

    private List<JsonNode> history(UUID track) {
        JsonNode answer = http.get("/tracks/" + track + "/history").json();
        assertThat(answer.path("track_id").asText()).isEqualTo(track.toString());
        List<JsonNode> out = new java.util.ArrayList<>();
        answer.path("changes").forEach(out::add);
        return out;
    }

    private Map<String, Integer> attempts(UUID track) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        jdbc.query("SELECT source, attempts FROM enrichment_source_status WHERE track_id = ?", rs -> {
            out.put(rs.getString(1), rs.getInt(2));
        }, track);
        return out;
    }

    private static String error(Http.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        return answer.json().path("error").asText();
    }
}
