package dev.trackenricher.source.discogs;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trackenricher.simulator.ApiSimulator;
import dev.trackenricher.simulator.Catalogue;
import dev.trackenricher.simulator.Latency;
import dev.trackenricher.simulator.SimulatorConfig;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Discogs has no batch read: the tracks of one album share its release read (at the simulator,
 * whose releases list every track of their album with an intro before and a live take after, and
 * which counts every request against Discogs's 60 a minute).
 */
class DiscogsReleasesTest extends IntegrationTest {

    static ApiSimulator sim;


    @BeforeAll
    static void startSimulator() throws Exception {
        SimulatorConfig config = SimulatorConfig.realistic().withSyntheticTracks(300).all(b -> b.withLatency(Latency.NONE))
                .source("discogs", b -> b.withKnownFraction(1.0));
        sim = ApiSimulator.start(config, ApiSimulator.catalogue(config, Path.of("sample-data/tracks.csv")));
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    private DiscogsClient atSimulator() {
        return client(Map.of("enricher.sources.discogs.base-url", sim.baseUrl("discogs"),
                "enricher.sources.discogs.rate-limit-per-second", "1", "enricher.sources.discogs.max-permit-wait", "10s"));
    }

    private DiscogsClient client(Map<String, Object> settings) {
        return new DiscogsClient(testClients().sources(settings, apiCache));
    }

    /** The synthetic albums of at least three tracks (each synthetic artist has one album), skipping {@code skip} of them. */
    private static List<Catalogue.SimTrack> album(int skip) {
        Map<Integer, List<Catalogue.SimTrack>> albums = sim.catalogue().all().stream().filter(t -> t.artist().startsWith("Sim Artist"))
                .collect(Collectors.groupingBy(Catalogue.SimTrack::album, LinkedHashMap::new, Collectors.toList()));
        return albums.values().stream().filter(a -> a.size() >= 3).skip(skip).findFirst().orElseThrow();
    }

    private static SourceRequest request(Catalogue.SimTrack t) {
        return new SourceRequest(UUID.randomUUID(), t.artist(), t.title(), null, null, t.durationMs(), null, "discogs-releases-test");
    }

    private static void assertOnItsRelease(SourceResult r, List<Catalogue.SimTrack> album, int i) {
        Catalogue.SimTrack t = album.get(i);
        assertThat(r.outcome()).as(t.title()).isEqualTo(Outcome.FOUND);
        // A1 is the intro, the album's tracks follow; the first track's live take (B1) is not the track
        assertThat(r.fields()).as(t.title()).containsEntry("discogs_release_id", t.discogsId())
                .containsEntry("discogs_track_position", "A" + (i + 2)).containsEntry("label", "Simulated Records")
                .containsEntry("discogs_release_title", t.albumTitle());
    }

    @Test
    void anAlbumsTracksOneAfterAnotherCostOneSearchAndOneReleaseRead() {
        List<Catalogue.SimTrack> album = album(0);
        DiscogsClient discogs = atSimulator();
        sim.log().clear();

        List<SourceResult> results = album.stream().map(t -> discogs.fetch(request(t))).toList();

        for (int i = 0; i < album.size(); i++) {
            assertOnItsRelease(results.get(i), album, i);
        }
        assertThat(sim.log().total("discogs")).as("the first track's search and release read; the others found on that release")
                .isEqualTo(2);
    }

    @Test
    void anAlbumsTracksInFlightAtOnceShareOneReleaseRead() throws Exception {
        List<Catalogue.SimTrack> album = album(1);
        DiscogsClient discogs = atSimulator();
        sim.log().clear();

        List<SourceResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(album.size());
        try {
            List<Future<SourceResult>> running = album.stream().map(t -> pool.submit(() -> discogs.fetch(request(t)))).toList();
            for (Future<SourceResult> f : running) {
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        for (int i = 0; i < album.size(); i++) {
            assertOnItsRelease(results.get(i), album, i);
        }
        assertThat(sim.log().total("discogs")).as("one search and one release read for the album").isEqualTo(2);
        assertThat(sim.log().answers("discogs", "limited")).isZero();
    }

    @Test
    void aTrackOfTheArtistNotOnAReleaseReadLatelyIsSearchedOnItsOwn() {
        List<Catalogue.SimTrack> album = album(2);
        DiscogsClient discogs = atSimulator();
        sim.log().clear();

        assertOnItsRelease(discogs.fetch(request(album.get(0))), album, 0);
        Catalogue.SimTrack first = album.get(0);
        SourceResult other = discogs.fetch(new SourceRequest(UUID.randomUUID(), first.artist(), "A Song Not On This Album", null, null,
                first.durationMs(), null, "discogs-releases-test"));
        // one character from a title on the release ("Sim Song 34" → "Sim Song 340"), no duration to tell them apart
        SourceResult near = discogs.fetch(new SourceRequest(UUID.randomUUID(), first.artist(), first.title() + "0", null, null,
                null, null, "discogs-releases-test"));

        assertThat(other.outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(near.outcome()).as("a near title is not taken from the release read lately").isEqualTo(Outcome.NOT_FOUND);
        assertThat(sim.log().total("discogs")).as("search and release for the first; a search of its own for each other").isEqualTo(4);
    }

    @Test
    void aReleaseReadThatFailedIsNotKeptTheNextTrackReadsItAgain() {
        TestTrack t = TestTrack.numbered(7301);
        ApiStubs.know("discogs", t);
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("discogs") + "/releases/" + ApiStubs.discogsReleaseId(t)))
                .atPriority(1).willReturn(ApiStubs.serverError()));
        DiscogsClient discogs = client(Map.of());
        SourceRequest request = new SourceRequest(UUID.randomUUID(), t.artist(), t.title(), null, null, t.durationMs(), null, "discogs-releases-test");

        assertThatThrownBy(() -> discogs.fetch(request)).isInstanceOf(SourceFailureException.class);
        ApiStubs.reset();
        ApiStubs.know("discogs", t);
        SourceResult again = discogs.fetch(request);

        assertThat(again.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(again.fields()).containsEntry("discogs_release_id", ApiStubs.discogsReleaseId(t));
        assertThat(ApiStubs.count("discogs")).as("after the failure: a search and the release read again").isEqualTo(2);
    }
}
