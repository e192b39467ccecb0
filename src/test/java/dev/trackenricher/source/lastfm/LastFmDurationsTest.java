package dev.trackenricher.source.lastfm;

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
import dev.trackenricher.support.wire.LastFmWire;
import dev.trackenricher.support.wire.LastFmWire.Artist;
import dev.trackenricher.support.wire.LastFmWire.Tag;
import dev.trackenricher.support.wire.LastFmWire.TrackInfo;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Last.fm's durations are often missing, 0 or wrong: its geo.getTopTracks answer for Canada (July
 * 2023, lastfm-docs/api-docs {@code docs/geo/getTopTracks.md}, no licence declared: the bodies here are
 * track.getInfo answers written in their shape from its values) gives Seven Nation Army 449 s (the song
 * is 3:51), Africa 236 s (the album version is 4:55), Karma Police 0. An answer for exactly the
 * asked artist and title is the track, whatever its duration says.
 */
class LastFmDurationsTest extends IntegrationTest {

    @Autowired
    SourceClients clients;

    static SourceRequest request(String artist, String title, Integer durationMs) {
        return new SourceRequest(UUID.randomUUID(), artist, title, null, null, durationMs, null, "test");
    }

    private static void serve(String track, TrackInfo info) {
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("lastfm") + LastFmWire.PATH)).atPriority(2)
                .withQueryParam("method", equalTo(LastFmWire.GET_INFO)).withQueryParam("track", equalTo(track))
                .willReturn(ApiStubs.response(LastFmWire.info(info))));
    }

    private static TrackInfo info(String name, String mbid, int durationMs, long listeners, String artist, String artistMbid) {
        return new TrackInfo(name, mbid, "https://www.last.fm/music/" + artist.replace(' ', '+') + "/_/" + name.replace(' ', '+'),
                durationMs, listeners, listeners * 10, new Artist(artist, artistMbid, null), null, List.of(new Tag("rock", "https://www.last.fm/tag/rock")));
    }

    @Test
    void anExactNameAnswerIsTheTrackWhateverItsDurationSays() {
        serve("Seven Nation Army", info("Seven Nation Army", "24cc8311-98fd-423a-bed1-97728f5eabc5", 449000, 2096870, "The White Stripes",
                "11ae9fbb-f3d7-4a47-936f-4c0a04d3b3b5"));
        serve("Africa", info("Africa", "d0b884c8-6100-4ca2-855f-5ef27d963807", 236000, 1463507, "Toto", "aab5c954-cabe-432e-899e-1c4f99757327"));
        serve("Karma Police", info("Karma Police", "0790ba6c-e0b1-4891-b82f-b4db9a5a927f", 0, 2191927, "Radiohead",
                "a74b1b7f-71a5-4011-9441-d0b5e4122711"));

        SourceResult sevenNation = clients.get("lastfm").fetch(request("The White Stripes", "Seven Nation Army", 231000));
        SourceResult africa = clients.get("lastfm").fetch(request("Toto", "Africa", 295000));
        SourceResult karma = clients.get("lastfm").fetch(request("Radiohead", "Karma Police", 264000));

        assertThat(sevenNation.outcome()).as(String.valueOf(sevenNation.error())).isEqualTo(Outcome.FOUND);
        assertThat(sevenNation.fields()).containsEntry("lastfm_mbid", "24cc8311-98fd-423a-bed1-97728f5eabc5")
                .containsEntry("lastfm_listeners", 2096870L);
        assertThat(africa.outcome()).as(String.valueOf(africa.error())).isEqualTo(Outcome.FOUND);
        assertThat(karma.outcome()).isEqualTo(Outcome.FOUND);
    }

    @Test
    void anAutocorrectionToAnotherTrackIsStillAnotherTrack() {
        // asked for Imagine Dragons "Believer", answered (say, autocorrected) with Cher "Believe"
        serve("Believer", info("Believe", "32ca187e-ee25-4f18-b7d0-3b6713f24635", 239000, 625010, "Cher",
                "bfcc6d75-a6a5-4bc6-8282-47aec8531818"));

        SourceResult r = clients.get("lastfm").fetch(request("Imagine Dragons", "Believer", 204000));

        assertThat(r.outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(r.error()).contains("Last.fm answered with another track").contains("Cher").contains("Believe");
    }
}
