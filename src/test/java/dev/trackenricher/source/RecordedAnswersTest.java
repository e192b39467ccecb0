package dev.trackenricher.source;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Fixtures;
import dev.trackenricher.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The recorded bodies of fixtures/, served over HTTP by the stub exactly as recorded, through the
 * service's own clients: the request each client sends, and what it makes of the real answer.
 */
class RecordedAnswersTest extends IntegrationTest {

    @Autowired
    SourceClients clients;

    static SourceRequest request(String artist, String title, String isrc, String spotifyId, Integer durationMs, String mbid) {
        return new SourceRequest(UUID.randomUUID(), artist, title, isrc, spotifyId, durationMs, mbid, "recorded");
    }

    private static void serve(String source, String path, String fixture) {
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get(source) + path)).atPriority(2)
                .willReturn(okJson(Fixtures.text(fixture))));
    }

    @Test
    void spotifyTrackById() {
        serve("spotify", "/tracks/6NPVjNh8Jhru9xOmyQigds", "spotify/track-6NPVjNh8Jhru9xOmyQigds-happy.json");

        SourceResult r = clients.get("spotify").fetch(request("Pharrell Williams", "Happy", null, "6NPVjNh8Jhru9xOmyQigds", null, null));

        assertThat(r.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(r.fields()).containsEntry("isrc", "USQ4E1300686").containsEntry("duration_ms", 233305L)
                .containsEntry("release_date", "2013-06-18");
        assertThat(r.confidence()).isEqualTo(1.0);
    }

    @Test
    void spotifySearchHitIsMatchedNotJustTaken() {
        serve("spotify", "/search", "spotify/search-track-happy-pharrell.json");

        SourceResult happy = clients.get("spotify").fetch(request("Pharrell Williams", "Happy", null, null, 233000, null));
        SourceResult other = clients.get("spotify").fetch(request("Pharrell Williams", "Freedom", null, null, null, null));

        assertThat(happy.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(happy.fields()).containsEntry("spotify_id", "6NPVjNh8Jhru9xOmyQigds");
        assertThat(other.outcome()).as("the only hit is another song").isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void spotifyNoResults() {
        serve("spotify", "/search", "spotify/search-track-no-results.json");

        assertThat(clients.get("spotify").fetch(request("duifhjslkef", "lkajsdflakjsd", null, null, null, null)).outcome())
                .isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void musicBrainzIsrcLookup() {
        serve("musicbrainz", "/isrc/GBAAA9900303", "musicbrainz/ws2-isrc-GBAAA9900303-lookup.expected.json");

        SourceResult r = clients.get("musicbrainz").fetch(request("The Chemical Brothers", "Hey Boy Hey Girl", "GBAAA9900303", null, null, null));

        assertThat(r.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(r.fields()).containsEntry("musicbrainz_id", "bf7845cc-eac3-48a3-8b06-543b4b7ba117").containsEntry("isrc", "GBAAA9900303")
                .containsEntry("first_release_date", "1999-06-21");
        LoggedRequest sent = ApiStubs.requests("musicbrainz").get(0);
        assertThat(sent.queryParameter("fmt").firstValue()).isEqualTo("json");
        assertThat(sent.queryParameter("inc").firstValue()).isEqualTo("artist-credits+releases");
        assertThat(sent.getHeader("User-Agent")).matches("track-enricher/0\\.1\\.0 \\( .+ \\)");
        assertThat(ApiStubs.count("musicbrainz")).as("no search after a found ISRC").isEqualTo(1);
    }

    @Test
    void musicBrainzSearchWithScoreAsString() {
        serve("musicbrainz", "/recording", "musicbrainz/ws2-recording-search-love-2015.json");

        SourceResult r = clients.get("musicbrainz").fetch(request("L.O.V.E.", "L.O.V.E.", null, null, 231000, null));

        assertThat(r.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(r.fields()).containsEntry("musicbrainz_id", "7f76fc25-5576-4b7d-8401-87660bd3f5f1");
        assertThat(ApiStubs.requests("musicbrainz").get(0).queryParameter("query").firstValue())
                .isEqualTo("artist:\"L.O.V.E.\" AND recording:\"L.O.V.E.\"");
    }

    @Test
    void discogsReleaseLookupVerifiesTheTracklist() {
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("discogs") + "/database/search")).atPriority(2)
                .withQueryParam("artist", equalTo("The Persuader")).willReturn(okJson("""
                        {"pagination":{"per_page":10,"pages":1,"page":1,"urls":{},"items":1},"results":[{"style":["Deep House"],
                        "title":"Persuader, The - Stockholm","country":"Sweden","format":["Vinyl","12\\"","33 ⅓ RPM"],"label":["Svek"],
                        "catno":"SK032","year":"1999","genre":["Electronic"],"resource_url":"https://api.discogs.com/releases/1","type":"release","id":1}]}
                        """)));
        serve("discogs", "/releases/1", "discogs/release-1.json");

        SourceResult found = clients.get("discogs").fetch(request("The Persuader", "Östermalm", null, null, 285000, null));
        SourceResult notOnIt = clients.get("discogs").fetch(request("The Persuader", "Kista", null, null, null, null));

        assertThat(found.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(found.fields()).containsEntry("label", "Svek").containsEntry("year", 1999L).containsEntry("discogs_track_position", "A")
                .containsEntry("styles", List.of("Deep House"));
        assertThat(ApiStubs.requests("discogs").get(0).getHeader("Authorization")).isEqualTo("Discogs token=test-discogs-token-SHOULD-NOT-LEAK");
        assertThat(notOnIt.outcome()).as("the release has no such track").isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void lastFmGetInfo() {
        serve("lastfm", "/", "lastfm/track-getInfo-cher-believe.json");

        SourceResult r = clients.get("lastfm").fetch(request("Cher", "Believe", null, null, 239000, null));

        assertThat(r.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(r.fields()).containsEntry("lastfm_listeners", 625010L).containsEntry("lastfm_tags",
                List.of("pop", "dance", "90s", "cher", "female vocalists"));
        LoggedRequest sent = ApiStubs.requests("lastfm").get(0);
        assertThat(sent.queryParameter("method").firstValue()).isEqualTo("track.getInfo");
        assertThat(sent.queryParameter("autocorrect").firstValue()).isEqualTo("1");
        assertThat(sent.queryParameter("format").firstValue()).isEqualTo("json");
        assertThat(sent.queryParameter("api_key").firstValue()).isEqualTo("test-lastfm-key-SHOULD-NOT-LEAK");
    }

    @Test
    void lastFmError6() {
        serve("lastfm", "/", "lastfm/error-6-not-found.json");

        assertThat(clients.get("lastfm").fetch(request("Nobody", "Nothing", null, null, null, null)).outcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void acousticBrainzLowLevel() {
        serve("acousticbrainz", "/cd3f5efa-bc5e-4064-a765-960494ad4bb4/low-level", "acousticbrainz/lowlevel-plus-highlevel-merged-cd3f5efa.json");

        SourceResult r = clients.get("acousticbrainz").fetch(request("ZZ Top", "La Grange", null, null, null,
                "cd3f5efa-bc5e-4064-a765-960494ad4bb4"));

        assertThat(r.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(r.fields()).containsEntry("bpm", 162.5).containsEntry("key", "A minor");
    }
}
