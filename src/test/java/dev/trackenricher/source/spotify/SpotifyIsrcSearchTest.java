package dev.trackenricher.source.spotify;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceClients;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.wire.SpotifyWire;
import dev.trackenricher.support.wire.SpotifyWire.Album;
import dev.trackenricher.support.wire.SpotifyWire.Artist;
import dev.trackenricher.support.wire.SpotifyWire.Track;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One ISRC, several tracks: Spotify's answer to {@code isrc:JPB609520101} holds the album version,
 * the single's "Radio Mix", the same master on a karaoke-branded album and on two compilations. The
 * values (ids, names, durations, albums, in their order) are those of an answer recorded in May 2023
 * (fuwa-syugyo/credits_spot {@code cypress/fixtures/mock_crazy_spotify.json}, no licence declared: the
 * body is written here in the same shape from its values).
 */
class SpotifyIsrcSearchTest extends IntegrationTest {

    private static final Artist TRF = new Artist("74UwkYjA5WAPyrTYFO3mW9", "TRF");

    @Autowired
    SourceClients clients;

    static Track track(String id, String name, int durationMs, String albumId, String album, String type, String date) {
        return new Track(id, name, durationMs, false, "JPB609520101", List.of(TRF), new Album(albumId, album, type, date, List.of()), null);
    }

    static void serveIsrcAnswer() {
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("spotify") + SpotifyWire.SEARCH)).atPriority(2)
                .withQueryParam("q", equalTo("isrc:JPB609520101")).willReturn(ApiStubs.response(SpotifyWire.search(List.of(
                        track("40zhzdBp94MQDk5uRf4NDR", "CRAZY GONNA CRAZY", 364973, "2lLUGSyglTd8rlqbS2773W",
                                "TRF 20th Anniversary BEST SINGLE Collection × EZ DO DANCERCIZE", "album", "2013-12-25"),
                        track("3fCqxjgZjsAzYSMzuH57Iy", "CRAZY GONNA CRAZY - Radio Mix", 365566, "0An0Lt2gkqqv5k4ilpCdwJ",
                                "CRAZY GONNA CRAZY", "single", "1995-01-01"),
                        track("5vJ0cMF0oQZIAJJp4Na1hU", "CRAZY GONNA CRAZY", 364973, "0uyjyKhvXCKkr9LwO1ECdL",
                                "TRF カラオケ HITS supported by DAM", "album", "2020-01-29"),
                        track("2GNvehMVrYZirugH7siuNg", "CRAZY GONNA CRAZY", 364973, "0bCdbK91fN3zZILeQtcmQH",
                                "WORKS -THE BEST OF TRF-", "compilation", "1998-01-01"))))));
    }

    static SourceRequest request(String artist, String title, Integer durationMs) {
        return new SourceRequest(UUID.randomUUID(), artist, title, "JPB609520101", null, durationMs, null, "test");
    }

    @Test
    void theRadioMixAskedForIsTakenNotTheFirstHit() {
        serveIsrcAnswer();

        SourceResult r = clients.get("spotify").fetch(request("TRF", "CRAZY GONNA CRAZY (Radio Mix)", 365566));

        assertThat(r.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(r.fields()).containsEntry("spotify_id", "3fCqxjgZjsAzYSMzuH57Iy").containsEntry("title", "CRAZY GONNA CRAZY - Radio Mix");
        assertThat(r.confidence()).isEqualTo(1.0);
    }

    @Test
    void thePlainTitleTakesTheAlbumVersionAndAVersionNoHitIsFallsBackToTheTextSearch() {
        serveIsrcAnswer();

        SourceResult plain = clients.get("spotify").fetch(request("trf", "Crazy Gonna Crazy", null));
        SourceResult live = clients.get("spotify").fetch(request("TRF", "CRAZY GONNA CRAZY (Live)", null));

        assertThat(plain.fields()).containsEntry("spotify_id", "40zhzdBp94MQDk5uRf4NDR");
        // no hit of the ISRC is a live take: the text search decides (and finds none)
        assertThat(live.outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(ApiStubs.requests("spotify").stream().filter(q -> q.getUrl().contains("/search"))
                .map(q -> q.queryParameter("q").firstValue())).contains("track:\"CRAZY GONNA CRAZY (Live)\" artist:\"TRF\"");
    }

    @Test
    void aTrackWhoseIsrcIsNoIsrcIsFoundWithoutOne() {
        // the same track as Spotify might carry it with the letter O where the year's digits belong
        Track typo = new Track("40zhzdBp94MQDk5uRf4NDR", "CRAZY GONNA CRAZY", 364973, false, "JPB60O520101", List.of(TRF),
                new Album("2lLUGSyglTd8rlqbS2773W", "TRF 20th Anniversary BEST SINGLE Collection × EZ DO DANCERCIZE", "album", "2013-12-25",
                        List.of()), null);
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("spotify") + SpotifyWire.TRACKS + "40zhzdBp94MQDk5uRf4NDR"))
                .atPriority(2).willReturn(ApiStubs.response(SpotifyWire.trackAnswer(typo))));

        SourceResult r = clients.get("spotify").fetch(new SourceRequest(UUID.randomUUID(), "TRF", "CRAZY GONNA CRAZY", null,
                "40zhzdBp94MQDk5uRf4NDR", 364973, null, "test"));

        assertThat(r.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(r.fields()).containsEntry("spotify_id", "40zhzdBp94MQDk5uRf4NDR").doesNotContainKey("isrc");
    }
}
