package dev.trackenricher.review;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import dev.trackenricher.support.wire.MusicBrainzWire;
import dev.trackenricher.support.wire.SpotifyWire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The review queue end to end: an undecided search (two recordings within the margin; a best hit
 * just below the threshold) leaves a review item with its candidates and the outcome needs_review,
 * which the status rules count like not_found; accepting a candidate fetches it by id and merges
 * it (confidence 1.0, provenance curator), the status follows the rules, and no later run asks that
 * source again; rejecting makes the source not_found for good (until a reset); a decided item is
 * never reopened; strangers change nothing.
 */
class ReviewQueueTest extends IntegrationTest {

    /** Spotify's "Song One" and "Song Onf" score alike for "Song On": two recordings, neither taken. */
    static final TestTrack TWO_ALIKE = new TestTrack("Artist", "Song On", 200_000, "spontrack0000000000000", "USTST0000001",
            "33333333-3333-4333-8333-333333333333");
    /** MusicBrainz's best hit for it, "Masive Atak – Teardrops", falls just short of the threshold. */
    static final TestTrack JUST_SHORT = new TestTrack("Massive Attack", "Teardrop", 330_000, "teardrop00000000000000", "GBTST0000002",
            "44444444-4444-4444-8444-444444444444");
    static final String NEAR_MBID = "55555555-5555-4555-8555-555555555555";

    Http http;

    @BeforeEach
    void undecidedAnswers() {
        http = new Http(port);
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("spotify") + SpotifyWire.SEARCH))
                .withQueryParam("q", containing("artist:\"Artist\"")).atPriority(3)
                .willReturn(ApiStubs.response(SpotifyWire.search(List.of(spotify("spone", "Song One"), spotify("sponf", "Song Onf"))))));
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("spotify") + SpotifyWire.TRACKS + "sponf")).atPriority(3)
                .willReturn(ApiStubs.response(SpotifyWire.trackAnswer(spotify("sponf", "Song Onf")))));
        MusicBrainzWire.Recording near = new MusicBrainzWire.Recording(NEAR_MBID, 90, "Teardrops", 331_000, null, "1998-04-20",
                List.of(MusicBrainzWire.Credit.of("Masive Atak", "a-near")), List.of(), List.of());
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("musicbrainz") + MusicBrainzWire.RECORDING_SEARCH))
                .withQueryParam("query", containing("artist:\"Massive Attack\"")).atPriority(3)
                .willReturn(ApiStubs.response(MusicBrainzWire.search(List.of(near)))));
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("musicbrainz") + MusicBrainzWire.RECORDING_LOOKUP + NEAR_MBID))
                .atPriority(3).willReturn(ApiStubs.response(MusicBrainzWire.lookup(near.withScore(null)))));
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("acousticbrainz") + AcousticBrainzWire.lowLevelPath(NEAR_MBID)))
                .atPriority(3).willReturn(ApiStubs.response(AcousticBrainzWire.lowLevel(
                        new AcousticBrainzWire.LowLevel(NEAR_MBID, 80.5, null, "E", "minor", 0.5)))));
    }

    static SpotifyWire.Track spotify(String id, String title) {
        return new SpotifyWire.Track(id, title, 200_000, false, null, List.of(new SpotifyWire.Artist("art-" + id, "Artist")),
                new SpotifyWire.Album("alb-" + id, title, "single", "2001-01-01", List.of(SpotifyWire.Image.cover(id))), 40);
    }

    @Test
    void anUndecidedSearchMakesAReviewItemWithItsCandidatesAndCountsLikeNotFound() throws Exception {
        List<UUID> ids = addTracks(List.of(TWO_ALIKE, JUST_SHORT));
        runEnrich(null);

        assertThat(outcomes(ids.get(0))).containsEntry("spotify", "needs_review").containsEntry("musicbrainz", "not_found");
        assertThat(outcomes(ids.get(1))).containsEntry("musicbrainz", "needs_review").containsEntry("spotify", "not_found");
        Map<String, Object> status = status(ids.get(0));
        // not found yet, not a failure: failed for want of data, not retriable, no retry counted, not due again
        assertThat(status).containsEntry("status", "failed").containsEntry("is_retriable", false).containsEntry("retry_count", 0);
        assertThat(status.get("next_attempt_at")).isNull();
        assertThat(status.get("error_message").toString()).isEqualTo("No metadata sources returned data");

        JsonNode queue = http.get("/review").json();
        assertThat(queue.path("items")).hasSize(2);
        assertThat(queue.path("next").isNull()).isTrue();
        JsonNode alike = item(queue, "spotify");
        assertThat(alike.path("track_id").asText()).isEqualTo(ids.get(0).toString());
        assertThat(alike.path("artist_name").asText()).isEqualTo("Artist");
        assertThat(alike.path("state").asText()).isEqualTo("open");
        assertThat(alike.path("why").asText()).contains("two recordings score alike");
        assertThat(alike.path("candidates")).hasSize(2);
        List<String> candidateIds = new ArrayList<>();
        alike.path("candidates").forEach(c -> {
            candidateIds.add(c.path("id").asText());
            assertThat(c.path("artist").asText()).isEqualTo("Artist");
            assertThat(c.path("title").asText()).startsWith("Song On");
            assertThat(c.path("version").isArray()).isTrue();
            assertThat(c.path("duration_ms").asInt()).isEqualTo(200_000);
            assertThat(c.path("score").asDouble()).isBetween(0.85, 1.0);
            assertThat(c.path("why").asText()).isNotBlank();
        });
        assertThat(candidateIds).containsExactlyInAnyOrder("spone", "sponf");
        JsonNode shortOne = item(queue, "musicbrainz");
        assertThat(shortOne.path("why").asText()).contains("below the threshold");
        assertThat(shortOne.path("candidates")).singleElement().satisfies(c -> {
            assertThat(c.path("id").asText()).isEqualTo(NEAR_MBID);
            assertThat(c.path("artist").asText()).isEqualTo("Masive Atak");
            assertThat(c.path("score").asDouble()).isBetween(0.7, 0.85);
        });
        assertThat(http.get("/review/" + alike.path("id").asText()).json().path("candidates")).hasSize(2);

        // one source's items; and keyset pages, oldest first
        assertThat(http.get("/review?source=musicbrainz").json().path("items")).singleElement()
                .satisfies(i -> assertThat(i.path("source").asText()).isEqualTo("musicbrainz"));
        JsonNode first = http.get("/review?limit=1").json();
        assertThat(first.path("items")).hasSize(1);
        String next = first.path("next").asText();
        JsonNode second = http.get("/review?limit=1&after=" + next).json();
        assertThat(second.path("items")).hasSize(1);
        assertThat(second.path("items").get(0).path("id").asText()).isNotEqualTo(first.path("items").get(0).path("id").asText());
        assertThat(second.path("next").isNull()).isTrue();

        // bad input names the field
        assertThat(error(http.get("/review?limit=0"))).startsWith("limit:");
        assertThat(error(http.get("/review?source=napster"))).startsWith("source:");
        assertThat(error(http.get("/review?after=garbage"))).startsWith("after:");
        assertThat(error(http.get("/review/not-a-uuid"))).startsWith("id:");
        assertThat(http.get("/review/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void acceptingACandidateFetchesAndMergesItTheStatusFollowsTheRulesAndNoLaterRunAsksThatSourceAgain() throws Exception {
        ApiStubs.know("musicbrainz", TWO_ALIKE);
        UUID id = addTracks(List.of(TWO_ALIKE)).get(0);
        runEnrich(null);
        assertThat(status(id)).containsEntry("status", "partial");
        String itemId = item(http.get("/review").json(), "spotify").path("id").asText();

        // what is not one of its candidates, or no candidate at all, is refused and changes nothing
        assertThat(error(http.post("/review/" + itemId + "/accept", "{\"candidate\": \"somethingelse\"}"))).startsWith("candidate:")
                .contains("spone", "sponf");
        assertThat(error(http.post("/review/" + itemId + "/accept", "{}"))).startsWith("candidate:");
        assertThat(error(http.post("/review/" + itemId + "/accept", "{\"candidate\": \"sponf\", \"extra\": 1}"))).startsWith("extra:");
        assertThat(error(http.post("/review/nope/accept", "{\"candidate\": \"sponf\"}"))).startsWith("id:");
        assertThat(http.post("/review/" + UUID.randomUUID() + "/accept", "{\"candidate\": \"sponf\"}").status()).isEqualTo(404);
        assertThat(outcomes(id)).containsEntry("spotify", "needs_review");

        Http.Answer accepted = http.post("/review/" + itemId + "/accept", "{\"candidate\": \"sponf\"}");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().path("item").path("state").asText()).isEqualTo("accepted");
        assertThat(accepted.json().path("item").path("accepted_candidate").asText()).isEqualTo("sponf");
        assertThat(accepted.json().path("item").path("decided_by").asText()).isEqualTo("api");
        // the lookup by id fetched it
        assertThat(ApiStubs.server().findAll(getRequestedFor(urlPathEqualTo(ApiStubs.PREFIX.get("spotify") + SpotifyWire.TRACKS + "sponf"))))
                .hasSize(1);
        JsonNode spotify = accepted.json().path("status").path("sources").path("spotify");
        assertThat(spotify.path("outcome").asText()).isEqualTo("found");
        assertThat(spotify.path("confidence").asDouble()).isEqualTo(1.0);
        assertThat(spotify.path("provenance").asText()).isEqualTo("curator");
        // two sources found it now: the status rules make it completed
        assertThat(accepted.json().path("status").path("status").asText()).isEqualTo("completed");
        assertThat(status(id)).containsEntry("status", "completed").containsEntry("sources_enriched", 2);
        JsonNode metadata = http.get("/tracks/" + id).json().path("metadata");
        assertThat(metadata.path("spotify_id").asText()).isEqualTo("sponf");
        assertThat(metadata.path("field_sources").path("spotify_id").asText()).isEqualTo("spotify");
        assertThat(metadata.path("enrichment_sources").toString()).contains("spotify", "musicbrainz");
        JsonNode history = http.get("/tracks/" + id + "/history").json().path("changes");
        assertThat(history).singleElement().satisfies(h -> {
            assertThat(h.path("field").asText()).isEqualTo("review.spotify");
            assertThat(h.path("action").asText()).isEqualTo("accepted");
            assertThat(h.path("new_value").asText()).isEqualTo("sponf");
            assertThat(h.path("by").asText()).isEqualTo("api");
        });
        assertThat(http.get("/review").json().path("items")).isEmpty();

        // later runs (the track due again, even reset to pending) never ask Spotify for it again
        int attempts = attempts(id, "spotify");
        jdbc.update("UPDATE enrichment_status SET status = 'pending', next_attempt_at = now() WHERE track_id = ?", id);
        jdbc.update("UPDATE enrichment_source_status SET last_attempt = now() - interval '400 days' WHERE track_id = ?", id);
        int searches = ApiStubs.count("spotify");
        runEnrich(null);
        assertThat(attempts(id, "spotify")).isEqualTo(attempts);
        assertThat(ApiStubs.count("spotify")).isEqualTo(searches);
        assertThat(outcomes(id)).containsEntry("spotify", "found");

        // a decided item is decided
        Http.Answer again = http.post("/review/" + itemId + "/accept", "{\"candidate\": \"spone\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").asText()).contains("accepted already");
        assertThat(http.post("/review/" + itemId + "/reject", "").status()).isEqualTo(409);
        assertThat(http.get("/review/" + itemId).json().path("accepted_candidate").asText()).isEqualTo("sponf");
    }

    @Test
    void rejectingMakesTheSourceNotFoundForGoodUntilAResetAndTheRejectedItemIsNeverReopened() throws Exception {
        UUID id = addTracks(List.of(TWO_ALIKE)).get(0);
        runEnrich(null);
        String itemId = item(http.get("/review").json(), "spotify").path("id").asText();

        Http.Answer rejected = http.post("/review/" + itemId + "/reject", "");

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().path("item").path("state").asText()).isEqualTo("rejected");
        JsonNode spotify = rejected.json().path("status").path("sources").path("spotify");
        assertThat(spotify.path("outcome").asText()).isEqualTo("not_found");
        assertThat(spotify.path("provenance").asText()).isEqualTo("curator");
        assertThat(spotify.path("error").asText()).contains("rejected");
        assertThat(rejected.json().path("status").path("status").asText()).isEqualTo("failed");

        // long past the not-found TTL, the track due: Spotify is still not asked
        jdbc.update("UPDATE enrichment_source_status SET last_attempt = now() - interval '400 days' WHERE track_id = ?", id);
        jdbc.update("UPDATE enrichment_status SET next_attempt_at = now() WHERE track_id = ?", id);
        int attempts = attempts(id, "spotify");
        runEnrich(null);
        assertThat(attempts(id, "spotify")).isEqualTo(attempts);
        assertThat(outcomes(id)).containsEntry("spotify", "not_found").containsEntry("musicbrainz", "not_found");

        // a reset (reprocess --source spotify) asks it again: undecided again, a new item; the rejected one stays rejected
        Http.Answer reset = http.post("/enrich/reprocess", JsonBody.of(Map.of("trackIds", List.of(id.toString()), "source", "spotify")));
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.json().path("reset").asInt()).isEqualTo(1);
        runEnrich(null);
        assertThat(attempts(id, "spotify")).isEqualTo(attempts + 1);
        assertThat(outcomes(id)).containsEntry("spotify", "needs_review");
        JsonNode fresh = item(http.get("/review").json(), "spotify");
        assertThat(fresh.path("id").asText()).isNotEqualTo(itemId);
        assertThat(http.get("/review/" + itemId).json().path("state").asText()).isEqualTo("rejected");
    }

    @Test
    void acceptingAMusicBrainzRecordingAsksAcousticBrainzWithItAtTheNextRun() throws Exception {
        UUID id = addTracks(List.of(JUST_SHORT)).get(0);
        runEnrich(null);
        assertThat(outcomes(id)).containsEntry("acousticbrainz", "skipped");
        String itemId = item(http.get("/review").json(), "musicbrainz").path("id").asText();

        Http.Answer accepted = http.post("/review/" + itemId + "/accept", "{\"candidate\": \"" + NEAR_MBID + "\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().path("status").path("status").asText()).isEqualTo("partial");
        runEnrich(null);

        assertThat(outcomes(id)).containsEntry("musicbrainz", "found").containsEntry("acousticbrainz", "found");
        assertThat(status(id)).containsEntry("status", "completed");
        assertThat(http.get("/tracks/" + id).json().path("metadata").path("musicbrainz_id").asText()).isEqualTo(NEAR_MBID);
    }

    @Test
    void anOpenItemWhoseSourceLaterFindsTheTrackByItselfIsSuperseded() throws Exception {
        UUID id = addTracks(List.of(TWO_ALIKE)).get(0);
        runEnrich(null);
        String itemId = item(http.get("/review").json(), "spotify").path("id").asText();
        // Spotify's catalogue now has the exact title: the search decides alone
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("spotify") + SpotifyWire.SEARCH)).atPriority(2)
                .willReturn(ApiStubs.response(SpotifyWire.search(List.of(spotify("exact", "Song On"))))));
        apiCache.flush();
        jdbc.execute("TRUNCATE api_cache");
        jdbc.update("UPDATE enrichment_source_status SET last_attempt = now() - interval '400 days' WHERE track_id = ?", id);
        jdbc.update("UPDATE enrichment_status SET next_attempt_at = now() WHERE track_id = ?", id);

        runEnrich(null);

        assertThat(outcomes(id)).containsEntry("spotify", "found");
        assertThat(http.get("/review/" + itemId).json().path("state").asText()).isEqualTo("superseded");
        assertThat(http.get("/review").json().path("items")).isEmpty();
    }

    @Test
    void strangersCanNeitherAcceptNorRejectAndTheMetricsCountTheQueue() throws Exception {
        UUID id = addTracks(List.of(TWO_ALIKE)).get(0);
        runEnrich(null);
        String itemId = item(http.get("/review").json(), "spotify").path("id").asText();
        assertThat(reviewItems("spotify", "open")).isEqualTo(1.0);

        assertThat(http.withoutToken().post("/review/" + itemId + "/accept", "{\"candidate\": \"sponf\"}").status()).isEqualTo(401);
        assertThat(http.withToken("not-the-token-at-all").post("/review/" + itemId + "/reject", "").status()).isEqualTo(401);
        assertThat(http.withoutToken().post("/review/" + itemId + "/reject", "").status()).isEqualTo(401);

        assertThat(http.get("/review/" + itemId).json().path("state").asText()).isEqualTo("open");
        assertThat(outcomes(id)).containsEntry("spotify", "needs_review");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM track_history", Integer.class)).isZero();
        assertThat(ApiStubs.server().findAll(getRequestedFor(urlPathEqualTo(ApiStubs.PREFIX.get("spotify") + SpotifyWire.TRACKS + "sponf"))))
                .isEmpty();

        // a track an enrich run holds is left alone
        jdbc.update("UPDATE enrichment_status SET status = 'in_progress', claimed_at = now() WHERE track_id = ?", id);
        Http.Answer busy = http.post("/review/" + itemId + "/reject", "");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().path("error").asText()).contains("being enriched");
        jdbc.update("UPDATE enrichment_status SET status = 'failed', claimed_at = NULL WHERE track_id = ?", id);

        assertThat(http.post("/review/" + itemId + "/reject", "").status()).isEqualTo(200);
        assertThat(reviewItems("spotify", "open")).isZero();
        assertThat(reviewItems("spotify", "rejected")).isEqualTo(1.0);
        assertThat(reviewItems("discogs", "accepted")).as("every source and state has a series").isZero();
    }

    private double reviewItems(String source, String state) {
        String scrape = http.get("/actuator/prometheus").body();
        var m = Pattern.compile("^enrichment_review_items\\{[^}]*source=\"" + source + "\"[^}]*state=\"" + state + "\"[^}]*}\\s+(\\S+)$",
                Pattern.MULTILINE).matcher(scrape);
        assertThat(m.find()).as("enrichment_review_items{source=%s,state=%s} in the scrape", source, state).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private int attempts(UUID id, String source) {
        return jdbc.queryForObject("SELECT attempts FROM enrichment_source_status WHERE track_id = ? AND source = ?", Integer.class, id, source);
    }

    private static JsonNode item(JsonNode queue, String source) {
        for (JsonNode i : queue.path("items")) {
            if (i.path("source").asText().equals(source)) {
                return i;
            }
        }
        throw new AssertionError("no open " + source + " item in " + queue);
    }

    private static String error(Http.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        return answer.json().path("error").asText();
    }
}
