package dev.trackenricher.source.acousticbrainz;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.trackenricher.source.Hint;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import dev.trackenricher.support.wire.AcousticBrainzWire;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * AcousticBrainz answers up to 25 recordings in one bulk request, keyed by recording id: each
 * track gets its own recording's data, an id the answer leaves out is not_found; a mirror without
 * the bulk endpoint is asked one recording at a time, and the bulk lookup switched off.
 */
class AcousticBrainzBatchTest extends IntegrationTest {


    private AcousticBrainzClient client() {
        return new AcousticBrainzClient(testClients().sources(Map.of(), apiCache));
    }

    private static SourceRequest request(TestTrack t) {
        return new SourceRequest(UUID.randomUUID(), t.artist(), t.title(), null, null, t.durationMs(), t.mbid(), "ab-batch-test");
    }

    @Test
    void oneBulkRequestAnswersEachOfItsTracksAndAMissingIdIsNotFound() {
        List<TestTrack> tracks = IntStream.range(0, 25).mapToObj(i -> TestTrack.numbered(800 + i)).toList();
        // AcousticBrainz has data for every track but the last
        tracks.subList(0, 24).forEach(t -> ApiStubs.know("acousticbrainz", t));
        List<SourceRequest> requests = tracks.stream().map(AcousticBrainzBatchTest::request).toList();

        Map<java.util.UUID, SourceResult> results = client().fetchBatch(requests);

        for (int i = 0; i < 24; i++) {
            SourceResult r = results.get(requests.get(i).trackId());
            assertThat(r.outcome()).as(tracks.get(i).title()).isEqualTo(Outcome.FOUND);
            assertThat(r.fields()).containsEntry("bpm", 124.0).containsEntry("key", "A minor");
        }
        SourceResult missing = results.get(requests.get(24).trackId());
        assertThat(missing.outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(missing.error()).isEqualTo("no AcousticBrainz data for recording " + tracks.get(24).mbid());
        List<LoggedRequest> sent = ApiStubs.requests("acousticbrainz");
        assertThat(sent).as("one request for the 25").hasSize(1);
        assertThat(sent.get(0).getUrl()).startsWith("/acousticbrainz/api/v1/low-level?recording_ids=");
        assertThat(AcousticBrainzWire.recordingIds(sent.get(0).queryParameter("recording_ids").firstValue()))
                .containsExactlyElementsOf(tracks.stream().map(TestTrack::mbid).toList());
    }

    @Test
    void aBrokenEntryFailsItsOwnTrackOnly() {
        TestTrack good = TestTrack.numbered(830);
        TestTrack broken = TestTrack.numbered(831);
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("acousticbrainz") + AcousticBrainzWire.BULK_LOW_LEVEL)).atPriority(1)
                .willReturn(okJson("{\"" + good.mbid() + "\":{\"0\":{\"rhythm\":{\"bpm\":98.2},\"tonal\":{\"key_key\":\"C\",\"key_scale\":\"major\"}}},"
                        + "\"" + broken.mbid() + "\":\"not a document\"}")));

        Map<UUID, SourceResult> results = client().fetchBatch(List.of(request(good), request(broken)));

        assertThat(results.values()).extracting(SourceResult::outcome).containsExactly(Outcome.FOUND, Outcome.FAILED);
        assertThat(results.values()).extracting(SourceResult::error).last().asString().contains("holds no document");
    }

    @Test
    void aMirrorWithoutTheBulkEndpointIsAskedOneRecordingAtATimeAndTheBulkLookupSwitchedOff() {
        TestTrack a = TestTrack.numbered(840);
        TestTrack b = TestTrack.numbered(841);
        ApiStubs.know("acousticbrainz", a);
        ApiStubs.know("acousticbrainz", b);
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("acousticbrainz") + AcousticBrainzWire.BULK_LOW_LEVEL)).atPriority(1)
                .willReturn(ApiStubs.response(AcousticBrainzWire.notFound())));
        AcousticBrainzClient client = client();

        Map<UUID, SourceResult> results = client.fetchBatch(List.of(request(a), request(b)));

        assertThat(results.values()).extracting(SourceResult::outcome).containsExactly(Outcome.FOUND, Outcome.FOUND);
        assertThat(results.values()).allSatisfy(r -> assertThat(r.hints()).singleElement().isInstanceOfSatisfying(Hint.FeatureOff.class,
                off -> assertThat(off.feature()).isEqualTo(AcousticBrainzClient.BULK_FEATURE)));
        assertThat(ApiStubs.requests("acousticbrainz")).extracting(LoggedRequest::getUrl).containsExactly(
                "/acousticbrainz/api/v1/low-level?recording_ids=" + a.mbid() + "%3B" + b.mbid(),
                "/acousticbrainz/api/v1" + AcousticBrainzWire.lowLevelPath(a.mbid()),
                "/acousticbrainz/api/v1" + AcousticBrainzWire.lowLevelPath(b.mbid()));
        // with the feature off, a track no longer joins a batch
        assertThat(client.joinsBatch(request(a).withFeaturesOff(java.util.Set.of(AcousticBrainzClient.BULK_FEATURE)))).isFalse();
        assertThat(client.joinsBatch(request(a))).isTrue();
    }
}
