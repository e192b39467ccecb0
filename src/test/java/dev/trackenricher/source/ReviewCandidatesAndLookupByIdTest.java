package dev.trackenricher.source;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.source.discogs.DiscogsClient;
import dev.trackenricher.source.getsongbpm.GetSongBpmClient;
import dev.trackenricher.source.lastfm.LastFmClient;
import dev.trackenricher.source.musicbrainz.MusicBrainzClient;
import dev.trackenricher.source.spotify.SpotifyClient;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.wire.DiscogsWire;
import dev.trackenricher.support.wire.GetSongBpmWire;
import dev.trackenricher.support.wire.LastFmWire;
import dev.trackenricher.support.wire.MusicBrainzWire;
import dev.trackenricher.support.wire.SpotifyWire;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every source that searches by text answers an undecided search with needs_review and its
 * candidates (the source's id for each, artist, title, version markers, duration, score, why), and
 * the id a candidate carries is what that source's lookup by id takes: the round trip a person's
 * "accept" makes. A person's id for a track (a curated id) is looked up instead of searched.
 */
class ReviewCandidatesAndLookupByIdTest extends IntegrationTest {

    @Autowired
    SpotifyClient spotify;
    @Autowired
    MusicBrainzClient musicbrainz;
    @Autowired
    DiscogsClient discogs;
    @Autowired
    LastFmClient lastfm;
    @Autowired
    GetSongBpmClient getsongbpm;

    static final String ARTIST = "Artist";
    /** "Song One" and "Song Onf" score alike against it, and are two recordings: no hit may be taken. */
    static final String TITLE = "Song On";
    static final String MBID_ONE = "11111111-1111-4111-8111-111111111111";
    static final String MBID_ONF = "22222222-2222-4222-8222-222222222222";

    static SourceRequest request(String artist, String title) {
        return new SourceRequest(UUID.randomUUID(), artist, title, null, null, null, null, "review-test");
    }

    static void stub(String source, com.github.tomakehurst.wiremock.client.MappingBuilder mapping) {
        ApiStubs.server().stubFor(mapping.atPriority(3));
    }

    static String path(String source, String path) {
        return ApiStubs.PREFIX.get(source) + path;
    }

    static SpotifyWire.Track spotifyTrack(String id, String title, int duration) {
        return new SpotifyWire.Track(id, title, duration, false, null, List.of(new SpotifyWire.Artist("art-" + id, ARTIST)),
                new SpotifyWire.Album("alb-" + id, title, "single", "2001-01-01", List.of(SpotifyWire.Image.cover(id))), 50);
    }

    static MusicBrainzWire.Recording recording(String mbid, String title, int length) {
        return new MusicBrainzWire.Recording(mbid, 100, title, length, null, "2001-01-01",
                List.of(MusicBrainzWire.Credit.of(ARTIST, "a-" + mbid)), List.of(), List.of());
    }

    @Test
    void spotifyUndecidedThenItsCandidateByTrackId() {
        stub("spotify", get(urlPathEqualTo(path("spotify", SpotifyWire.SEARCH))).willReturn(ApiStubs.response(SpotifyWire.search(
                List.of(spotifyTrack("spone", "Song One", 200_000), spotifyTrack("sponf", "Song Onf (Live)", 201_000),
                        spotifyTrack("sponf2", "Song Onf", 202_000))))));
        stub("spotify", get(urlPathEqualTo(path("spotify", SpotifyWire.TRACKS + "sponf2")))
                .willReturn(ApiStubs.response(SpotifyWire.trackAnswer(spotifyTrack("sponf2", "Song Onf", 202_000)))));

        SourceResult undecided = spotify.fetch(request(ARTIST, TITLE));

        assertThat(undecided.outcome()).isEqualTo(Outcome.NEEDS_REVIEW);
        assertThat(undecided.error()).contains("two recordings score alike");
        // the live take is another recording than the plain title asked for: no candidate at all
        assertThat(undecided.candidates()).extracting(ReviewCandidate::id).containsExactlyInAnyOrder("spone", "sponf2");
        ReviewCandidate second = undecided.candidates().stream().filter(c -> c.id().equals("sponf2")).findFirst().orElseThrow();
        assertThat(second.artist()).isEqualTo(ARTIST);
        assertThat(second.title()).isEqualTo("Song Onf");
        assertThat(second.durationMs()).isEqualTo(202_000);
        assertThat(second.score()).isBetween(0.7, 1.0);
        assertThat(second.why()).isNotBlank();

        SourceResult byId = spotify.lookupById("sponf2", request(ARTIST, TITLE)).orElseThrow();
        assertThat(byId.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(byId.confidence()).isEqualTo(1.0);
        assertThat(byId.fields()).containsEntry("spotify_id", "sponf2").containsEntry("title", "Song Onf");
        assertThat(spotify.lookupById("nosuchtrack", request(ARTIST, TITLE)).orElseThrow().outcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void musicBrainzUndecidedThenItsCandidateByRecordingIdAndACuratedIdIsLookedUpInsteadOfSearched() {
        stub("musicbrainz", get(urlPathEqualTo(path("musicbrainz", MusicBrainzWire.RECORDING_SEARCH))).willReturn(ApiStubs.response(
                MusicBrainzWire.search(List.of(recording(MBID_ONE, "Song One", 200_000), recording(MBID_ONF, "Song Onf", 201_000))))));
        stub("musicbrainz", get(urlPathEqualTo(path("musicbrainz", MusicBrainzWire.RECORDING_LOOKUP + MBID_ONF)))
                .withQueryParam("inc", equalTo("artist-credits+releases+isrcs"))
                .willReturn(ApiStubs.response(MusicBrainzWire.lookup(recording(MBID_ONF, "Song Onf", 201_000)))));

        SourceResult undecided = musicbrainz.fetch(request(ARTIST, TITLE));
        assertThat(undecided.outcome()).isEqualTo(Outcome.NEEDS_REVIEW);
        assertThat(undecided.candidates()).extracting(ReviewCandidate::id).containsExactlyInAnyOrder(MBID_ONE, MBID_ONF);

        SourceResult byId = musicbrainz.lookupById(MBID_ONF, request(ARTIST, TITLE)).orElseThrow();
        assertThat(byId.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(byId.confidence()).isEqualTo(1.0);
        assertThat(byId.fields()).containsEntry("musicbrainz_id", MBID_ONF).containsEntry("duration_ms", 201_000L);

        int searches = ApiStubs.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(path("musicbrainz", MusicBrainzWire.RECORDING_SEARCH)))).size();
        SourceResult curated = musicbrainz.fetch(request(ARTIST, TITLE).withCuratedIds(Map.of("musicbrainz_id", MBID_ONF)));
        assertThat(curated.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(curated.fields()).containsEntry("musicbrainz_id", MBID_ONF);
        assertThat(ApiStubs.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(path("musicbrainz", MusicBrainzWire.RECORDING_SEARCH))))).as("no search for a curated id").hasSize(searches);
        assertThat(musicbrainz.lookupById(UUID.randomUUID().toString(), request(ARTIST, TITLE)).orElseThrow().outcome())
                .isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void discogsUndecidedBetweenTwoTracksOfOneReleaseThenTheChosenPosition() {
        long releaseId = 4242;
        stub("discogs", get(urlPathEqualTo(path("discogs", DiscogsWire.SEARCH))).willReturn(ApiStubs.response(DiscogsWire.search(List.of(
                new DiscogsWire.SearchResult(releaseId, ARTIST + " - Songs", "2001", "UK", List.of("Vinyl"), List.of("Label"),
                        List.of("Electronic"), List.of("House"), "L 1"))))));
        stub("discogs", get(urlPathEqualTo(path("discogs", DiscogsWire.RELEASES + releaseId))).willReturn(ApiStubs.response(
                DiscogsWire.releaseAnswer(new DiscogsWire.Release(releaseId, "Songs", 2001, "UK", "2001-05-00",
                        List.of(new DiscogsWire.Artist(ARTIST, 1)), List.of(new DiscogsWire.Label("Label", "L 1", 5)), List.of("Electronic"),
                        List.of("House"), List.of(new DiscogsWire.TrackEntry("A1", "Song One", "3:20"),
                        new DiscogsWire.TrackEntry("A2", "Song Onf", "3:21")))))));

        SourceResult undecided = discogs.fetch(request(ARTIST, TITLE));
        assertThat(undecided.outcome()).isEqualTo(Outcome.NEEDS_REVIEW);
        assertThat(undecided.candidates()).extracting(ReviewCandidate::id).containsExactlyInAnyOrder(releaseId + "#A1", releaseId + "#A2");

        SourceResult byId = discogs.lookupById(releaseId + "#A2", request(ARTIST, TITLE)).orElseThrow();
        assertThat(byId.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(byId.fields()).containsEntry("discogs_release_id", releaseId).containsEntry("discogs_track_position", "A2")
                .containsEntry("label", "Label");
        assertThat(discogs.lookupById(releaseId + "#B9", request(ARTIST, TITLE)).orElseThrow().outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(discogs.lookupById("not-a-release", request(ARTIST, TITLE)).orElseThrow().outcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void lastFmAnAutocorrectedAnswerJustBelowTheThresholdIsUndecidedThenLookedUpByItsMbidOrItsPage() {
        // a misspelt credit and a plural title: close, yet short of the threshold
        LastFmWire.TrackInfo near = new LastFmWire.TrackInfo("Teardrops", MBID_ONE, "https://www.last.fm/music/Masive+Atak/_/Teardrops",
                330_000, 10, 20, new LastFmWire.Artist("Masive Atak", "", null), null, List.of(new LastFmWire.Tag("trip-hop", "x")));
        stub("lastfm", get(urlPathEqualTo(path("lastfm", LastFmWire.PATH))).withQueryParam("method", equalTo(LastFmWire.GET_INFO))
                .withQueryParam("artist", equalTo("Massive Attack")).willReturn(ApiStubs.response(LastFmWire.info(near))));
        stub("lastfm", get(urlPathEqualTo(path("lastfm", LastFmWire.PATH))).withQueryParam("mbid", equalTo(MBID_ONE))
                .willReturn(ApiStubs.response(LastFmWire.info(near))));
        stub("lastfm", get(urlPathEqualTo(path("lastfm", LastFmWire.PATH))).withQueryParam("artist", equalTo("Masive Atak"))
                .withQueryParam("track", equalTo("Teardrops")).willReturn(ApiStubs.response(LastFmWire.info(near))));

        SourceResult undecided = lastfm.fetch(request("Massive Attack", "Teardrop"));
        assertThat(undecided.outcome()).isEqualTo(Outcome.NEEDS_REVIEW);
        assertThat(undecided.error()).contains("below the threshold");
        assertThat(undecided.candidates()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(MBID_ONE);
            assertThat(c.artist()).isEqualTo("Masive Atak");
            assertThat(c.durationMs()).isEqualTo(330_000);
        });

        SourceResult byMbid = lastfm.lookupById(MBID_ONE, request("Massive Attack", "Teardrop")).orElseThrow();
        assertThat(byMbid.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(byMbid.fields()).containsEntry("lastfm_tags", List.of("trip-hop"));
        SourceResult byPage = lastfm.lookupById(near.url(), request("Massive Attack", "Teardrop")).orElseThrow();
        assertThat(byPage.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(lastfm.lookupById("neither", request("Massive Attack", "Teardrop")).orElseThrow().outcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void getSongBpmUndecidedThenItsCandidateBySongId() {
        GetSongBpmWire.Artist artist = new GetSongBpmWire.Artist("ar1", ARTIST, "x", List.of("house"), "GB", "");
        GetSongBpmWire.Album album = new GetSongBpmWire.Album("Songs", "x", "2001");
        GetSongBpmWire.Song one = new GetSongBpmWire.Song("g1", "Song One", "x", "124", "4/4", "Am", "1m", 70, 5, artist, album);
        GetSongBpmWire.Song onf = new GetSongBpmWire.Song("g2", "Song Onf", "x", "128", "4/4", "Em", "2m", 70, 5, artist, album);
        stub("getsongbpm", get(urlPathEqualTo(path("getsongbpm", GetSongBpmWire.SEARCH)))
                .willReturn(ApiStubs.response(GetSongBpmWire.search(List.of(one, onf)))));
        stub("getsongbpm", get(urlPathEqualTo(path("getsongbpm", GetSongBpmWire.SONG))).withQueryParam("id", equalTo("g2"))
                .willReturn(ApiStubs.response(GetSongBpmWire.songAnswer(onf))));

        SourceResult undecided = getsongbpm.fetch(request(ARTIST, TITLE));
        assertThat(undecided.outcome()).isEqualTo(Outcome.NEEDS_REVIEW);
        assertThat(undecided.candidates()).extracting(ReviewCandidate::id).containsExactlyInAnyOrder("g1", "g2");

        SourceResult byId = getsongbpm.lookupById("g2", request(ARTIST, TITLE)).orElseThrow();
        assertThat(byId.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(byId.fields()).containsEntry("bpm", 128.0).containsEntry("key", "E minor").containsEntry("getsongbpm_id", "g2");
        assertThat(getsongbpm.lookupById("g404", request(ARTIST, TITLE)).orElseThrow().outcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void versionMarkersOfACandidateAreShown() {
        stub("spotify", get(urlPathEqualTo(path("spotify", SpotifyWire.SEARCH))).willReturn(ApiStubs.response(SpotifyWire.search(
                List.of(spotifyTrack("rm1", "Song One - 2011 Remaster", 200_000), spotifyTrack("rm2", "Song Onf (Radio Edit)", 200_500))))));

        SourceResult undecided = spotify.fetch(request(ARTIST, TITLE));

        assertThat(undecided.outcome()).isEqualTo(Outcome.NEEDS_REVIEW);
        assertThat(undecided.candidates()).allSatisfy(c -> assertThat(c.version()).isNotEmpty());
    }
}
