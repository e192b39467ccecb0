package dev.trackenricher.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Artist names with '&', '+', '/' and non-ASCII letters reach every API intact: the stub server
 * decodes each query parameter back to exactly what the client meant to send.
 */
class UrlEncodingTest extends IntegrationTest {

    @ParameterizedTest(name = "{0} – {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Simon & Garfunkel      | Bridge over Troubled Water | Simon \\& Garfunkel      | %26
            Florence + the Machine | Dog Days Are Over          | Florence \\+ the Machine | %2B
            AC/DC                  | Back in Black              | AC\\/DC                  | %2F
            Sigur Rós              | Hoppípolla                 | Sigur Rós               | %C3%B3
            """)
    void artistsReachEveryApiIntact(String artist, String title, String luceneArtist, String encodedSpecial) throws Exception {
        TestTrack t = new TestTrack(artist, title, 300_000, "4uLU6hMCjMI75M1A2tKUQC", "GBAAA0000001", UUID.randomUUID().toString());
        ApiStubs.knowEverywhere(t);
        addTracks(List.of(t));

        runEnrich(null);

        LoggedRequest spotify = only("spotify");
        assertThat(spotify.queryParameter("q").firstValue()).isEqualTo("track:\"" + title + "\" artist:\"" + artist + "\"");
        assertThat(spotify.getUrl()).contains(encodedSpecial);

        LoggedRequest musicbrainz = only("musicbrainz");
        assertThat(musicbrainz.queryParameter("query").firstValue())
                .isEqualTo("artist:\"" + luceneArtist + "\" AND recording:\"" + title + "\"");

        LoggedRequest discogs = ApiStubs.requests("discogs").stream().filter(r -> r.getUrl().contains("/database/search")).findFirst()
                .orElseThrow();
        assertThat(discogs.queryParameter("artist").firstValue()).isEqualTo(artist);
        assertThat(discogs.queryParameter("track").firstValue()).isEqualTo(title);
        assertThat(discogs.getUrl()).contains(encodedSpecial);

        List<LoggedRequest> lastfm = ApiStubs.requests("lastfm");
        assertThat(lastfm).isNotEmpty().allSatisfy(r -> {
            assertThat(r.queryParameter("artist").firstValue()).isEqualTo(artist);
            assertThat(r.queryParameter("track").firstValue()).isEqualTo(title);
        });

        LoggedRequest getsongbpm = only("getsongbpm");
        assertThat(getsongbpm.queryParameter("lookup").firstValue()).isEqualTo("song:" + title + " artist:" + artist);
        assertThat(getsongbpm.queryParameter("type").firstValue()).isEqualTo("both");

        // AcousticBrainz is asked by recording id only (when MusicBrainz found one): the path carries it as is
        ApiStubs.requests("acousticbrainz").forEach(r -> assertThat(r.getUrl()).isEqualTo("/acousticbrainz/api/v1/" + t.mbid() + "/low-level"));
        // the stubs found the track where they match on the exact name: nothing was mangled on the way
        assertThat(outcomes(jdbc.queryForObject("SELECT id FROM tracks", UUID.class)))
                .containsEntry("spotify", "found").containsEntry("discogs", "found").containsEntry("lastfm", "found")
                .containsEntry("getsongbpm", "found");
    }

    private static LoggedRequest only(String source) {
        List<LoggedRequest> requests = ApiStubs.requests(source);
        assertThat(requests).as(source + " requests").hasSize(1);
        return requests.get(0);
    }
}
