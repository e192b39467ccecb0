package dev.trackenricher.support.wire;

import java.util.List;
import java.util.Map;

/**
 * Where each API lives on the one local server that plays all six (WireMock stubs or the
 * simulator): a path prefix per API standing in for its base URL, so a test can use either server
 * behind the same base URLs.
 */
public final class StubLayout {

    public static final List<String> SOURCES = List.of("spotify", "musicbrainz", "discogs", "lastfm", "acousticbrainz", "getsongbpm");
    public static final Map<String, String> PREFIX = Map.of(
            "spotify", "/spotify/v1",
            "musicbrainz", "/musicbrainz/ws/2",
            "discogs", "/discogs",
            "lastfm", "/lastfm/2.0",
            "acousticbrainz", "/acousticbrainz/api/v1",
            "getsongbpm", "/getsongbpm");
    /** Spotify's token endpoint lives on another host (accounts.spotify.com): its own prefix. */
    public static final String SPOTIFY_TOKEN_PATH = "/spotify-accounts/api/token";

    private StubLayout() {
    }
}
