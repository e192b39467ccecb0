package dev.trackenricher.source.musicbrainz;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.trackenricher.simulator.ApiSimulator;
import dev.trackenricher.simulator.Catalogue;
import dev.trackenricher.simulator.Latency;
import dev.trackenricher.simulator.SimulatorConfig;
import dev.trackenricher.source.Outcome;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * MusicBrainz identifies tracks with an ISRC in batches: one recording search over up to 25 ISRCs
 * (its own limit of one request a second enforced by the simulator), hits mapped back to each track
 * by the ISRCs they carry, the matcher choosing where an ISRC names several recordings; a track the
 * batch leaves unresolved is searched on its own.
 */
class MusicBrainzBatchTest extends IntegrationTest {

    static ApiSimulator sim;


    @BeforeAll
    static void startSimulator() throws Exception {
        // MusicBrainz's own limit (503 past one request a second) enforced; it knows every track
        SimulatorConfig config = SimulatorConfig.realistic().withSyntheticTracks(200).all(b -> b.withLatency(Latency.NONE))
                .source("musicbrainz", b -> b.withKnownFraction(1.0));
        sim = ApiSimulator.start(config, ApiSimulator.catalogue(config, Path.of("sample-data/tracks.csv")));
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    /** The client at the simulator, at MusicBrainz's 1 request/s. */
    private MusicBrainzClient atSimulator() {
        return client(Map.of("enricher.sources.musicbrainz.base-url", sim.baseUrl("musicbrainz"),
                "enricher.sources.musicbrainz.rate-limit-per-second", "1", "enricher.sources.musicbrainz.max-permit-wait", "5s"));
    }

    private MusicBrainzClient client(Map<String, Object> settings) {
        return new MusicBrainzClient(testClients().sources(settings, apiCache));
    }

    private static SourceRequest request(String artist, String title, String isrc, Integer durationMs) {
        return new SourceRequest(UUID.randomUUID(), artist, title, isrc, null, durationMs, null, "mb-batch-test");
    }

    @Test
    void onlyATrackWithAValidIsrcAndNoRecordingAPersonSetJoinsABatch() {
        MusicBrainzClient client = atSimulator();
        SourceRequest withIsrc = request("Daft Punk", "One More Time", "GBDUW0000053", null);

        assertThat(client.joinsBatch(withIsrc)).isTrue();
        assertThat(client.joinsBatch(request("Daft Punk", "One More Time", null, null))).as("no ISRC: searched at once").isFalse();
        assertThat(client.joinsBatch(request("Daft Punk", "One More Time", "GBDUW00000", null))).as("a malformed ISRC").isFalse();
        // a corrected recording id is looked up by that id (HttpSourceClient.fetch), never by the ISRC search
        assertThat(client.joinsBatch(withIsrc.withCuratedIds(java.util.Map.of("musicbrainz_id", "0e2a7b1c-1234-4b5c-9d6e-0123456789ab"))))
                .as("a recording a person set").isFalse();
    }

    @Test
    void aBatchOf25IsrcsResolvesEachTrackToItsOwnRecordingInOneRequest() {
        Catalogue catalogue = sim.catalogue();
        List<Catalogue.SimTrack> withIsrc = catalogue.all().stream().filter(t -> t.isrc() != null).toList();
        List<Catalogue.SimTrack> tracks = new ArrayList<>(withIsrc.stream().filter(catalogue::isrcAlsoOnLiveTake).limit(3).toList());
        withIsrc.stream().filter(t -> !tracks.contains(t)).limit(25 - tracks.size()).forEach(tracks::add);
        // lower case and hyphenated as catalogues hold them: the batch normalises
        List<SourceRequest> requests = tracks.stream().map(t -> request(t.artist(), t.title(),
                t.isrc().substring(0, 2) + "-" + t.isrc().substring(2).toLowerCase(), t.durationMs())).toList();
        sim.log().clear();

        Map<UUID, SourceResult> results = atSimulator().fetchBatch(requests);

        assertThat(tracks).hasSize(25);
        assertThat(tracks.stream().filter(catalogue::isrcAlsoOnLiveTake)).as("ISRCs that name a live take too").hasSize(3);
        for (int i = 0; i < 25; i++) {
            SourceResult r = results.get(requests.get(i).trackId());
            Catalogue.SimTrack t = tracks.get(i);
            assertThat(r.outcome()).as(t.title()).isEqualTo(Outcome.FOUND);
            assertThat(r.fields()).as(t.title()).containsEntry("musicbrainz_id", t.mbid()).containsEntry("isrc", t.isrc())
                    .containsEntry("title", t.title());
        }
        assertThat(sim.log().total("musicbrainz")).as("one search for the 25").isEqualTo(1);
        assertThat(sim.log().answers("musicbrainz", "limited")).isZero();
    }

    @Test
    void aTrackWhoseIsrcMatchesNothingFallsBackToItsOwnSearch() {
        List<Catalogue.SimTrack> known = sim.catalogue().all().stream().filter(t -> t.isrc() != null).skip(40).limit(3).toList();
        Catalogue.SimTrack noIsrc = sim.catalogue().all().stream().filter(t -> t.isrc() == null).skip(40).findFirst().orElseThrow();
        List<SourceRequest> requests = new ArrayList<>(known.stream().map(t -> request(t.artist(), t.title(), t.isrc(), t.durationMs())).toList());
        // an ISRC MusicBrainz has on no recording, for a track it knows by name; and a track it does not know at all
        requests.add(request(noIsrc.artist(), noIsrc.title(), "QZZZZ2600001", noIsrc.durationMs()));
        requests.add(request("Nobody Anyone Knows", "A Song Never Recorded", "QZZZZ2600002", null));
        sim.log().clear();

        Map<UUID, SourceResult> results = atSimulator().fetchBatch(requests);

        for (int i = 0; i < 3; i++) {
            assertThat(results.get(requests.get(i).trackId()).fields()).containsEntry("musicbrainz_id", known.get(i).mbid());
        }
        SourceResult searched = results.get(requests.get(3).trackId());
        assertThat(searched.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(searched.fields()).containsEntry("musicbrainz_id", noIsrc.mbid());
        assertThat(results.get(requests.get(4).trackId()).outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(sim.log().total("musicbrainz")).as("the batch's search, then one search for each track it left unresolved").isEqualTo(3);
        assertThat(sim.log().answers("musicbrainz", "limited")).as("each of the three waited for its permit").isZero();
    }

    @Test
    void aSearchWithMoreThan100HitsIsReadPageByPage() {
        List<TestTrack> tracks = IntStream.range(0, 25).mapToObj(i -> TestTrack.numbered(900 + i)).toList();
        for (TestTrack t : tracks) {
            ApiStubs.knowByIsrc(t);
            // four live recordings with the same ISRC each: 125 hits, two pages of 100
            ApiStubs.knowIsrcOnLiveTakes(t, 4);
        }
        List<SourceRequest> requests = tracks.stream().map(t -> request(t.artist(), t.title(), t.isrc(), t.durationMs())).toList();

        Map<UUID, SourceResult> results = client(Map.of()).fetchBatch(requests);

        for (int i = 0; i < 25; i++) {
            assertThat(results.get(requests.get(i).trackId()).fields()).as(tracks.get(i).title())
                    .containsEntry("musicbrainz_id", tracks.get(i).mbid());
        }
        List<LoggedRequest> sent = ApiStubs.requests("musicbrainz");
        assertThat(sent).hasSize(2);
        Map<String, String> first = params(sent.get(0));
        Map<String, String> second = params(sent.get(1));
        assertThat(first.get("query")).startsWith("isrc:").contains(" OR isrc:" + tracks.get(24).isrc());
        assertThat(first.get("query").split(" OR ")).hasSize(25);
        assertThat(first).containsEntry("limit", "100").doesNotContainKey("offset");
        assertThat(second).containsEntry("offset", "100").containsEntry("query", first.get("query"));
    }

    @Test
    void aBatchThatFailsFailsEachOfItsTracksForMusicBrainz() {
        ApiStubs.answerAll("musicbrainz", ApiStubs.response(dev.trackenricher.support.wire.MusicBrainzWire.rateLimited()));
        List<TestTrack> tracks = IntStream.range(0, 5).mapToObj(i -> TestTrack.numbered(950 + i)).toList();
        List<SourceRequest> requests = tracks.stream().map(t -> request(t.artist(), t.title(), t.isrc(), t.durationMs())).toList();

        Map<UUID, SourceResult> results = client(Map.of()).fetchBatch(requests);

        assertThat(results.values()).hasSize(5).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.RATE_LIMITED);
            assertThat(r.error()).contains("HTTP 503");
        });
        assertThat(ApiStubs.count("musicbrainz")).as("no search after the batch was refused").isEqualTo(1);
    }

    private static Map<String, String> params(LoggedRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        r.getQueryParams().forEach((k, v) -> out.put(k, v.firstValue()));
        return out;
    }
}
