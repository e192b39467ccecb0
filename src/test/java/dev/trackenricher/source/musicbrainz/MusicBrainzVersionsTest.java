package dev.trackenricher.source.musicbrainz;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceClients;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.wire.MusicBrainzWire;
import dev.trackenricher.support.wire.MusicBrainzWire.Credit;
import dev.trackenricher.support.wire.MusicBrainzWire.Recording;
import dev.trackenricher.support.wire.WireAnswer;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * MusicBrainz search answers as they really come: many score-100 ties of one title, live takes and
 * videos among them (said by {@code video: true} and the disambiguation, not by the title), an ISRC
 * written with the letter O before its valid twin. The values (ids, titles, lengths, credits,
 * sort-names, flags, ISRCs) are those of two WS/2 answers recorded in May 2023 (fuwa-syugyo/credits_spot
 * {@code cypress/fixtures/mock_celebrate1.json} and {@code mock_result_tentaikansoku.json}, no licence
 * declared: the bodies are written here in the same shape from their values), in their order.
 */
class MusicBrainzVersionsTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    SourceClients clients;

    static SourceRequest request(String artist, String title, Integer durationMs) {
        return new SourceRequest(UUID.randomUUID(), artist, title, null, null, durationMs, null, "test");
    }

    static Credit amuro(String credited) {
        return new Credit(credited, null, "d2a0c4ef-5b3c-4a1c-9be4-2f3d4a0b0f8e", "安室奈美恵", "Amuro, Namie");
    }

    static Recording recording(String id, String title, Integer length, String disambiguation, Credit credit, List<String> isrcs) {
        return new Recording(id, 100, title, length, disambiguation, null, List.of(credit), isrcs, null);
    }

    /** A search page of these recordings; those named in {@code videos} carry {@code video: true}. */
    static WireAnswer search(List<Recording> recordings, Set<String> videos) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(MusicBrainzWire.search(recordings).body());
            for (JsonNode r : body.path("recordings")) {
                if (videos.contains(r.path("id").asText())) {
                    ((ObjectNode) r).put("video", true);
                }
            }
            return WireAnswer.ok(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void serve(WireAnswer answer) {
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("musicbrainz") + MusicBrainzWire.RECORDING_SEARCH)).atPriority(2)
                .willReturn(ApiStubs.response(answer)));
    }

    /** CAN YOU CELEBRATE?: the first 安室奈美恵 hits are concert videos without a length, then a 1:45 excerpt, then the studio takes. */
    static WireAnswer canYouCelebrate() {
        return search(List.of(
                recording("40f921a3-b199-4f5a-8cdd-cb30b538c2c4", "Can You Celebrate?", 270000, null,
                        new Credit("Laura Fygi", null, "a1", "Laura Fygi", "Fygi, Laura"), null),
                recording("9a45ae82-270e-4ddd-9ba6-5fd8eaf4a91b", "CAN YOU CELEBRATE?", 375000, null,
                        new Credit("徳永英明", null, "a2", "徳永英明", "Tokunaga, Hideaki"), List.of("JPPO00737840")),
                recording("4963a05b-0956-4a06-a1db-0ce4c5c88f45", "CAN YOU CELEBRATE?", null, null, amuro("安室奈美恵"), null),
                recording("33e147ff-154c-41f3-b50b-5399946faed8", "CAN YOU CELEBRATE?", null, "PLAY TOUR 2007", amuro("安室奈美恵"), null),
                recording("11d84468-175a-41f7-8dc7-691ed118fd98", "CAN YOU CELEBRATE?", null, "Concentration 20 Live in Tokyo Dome",
                        amuro("安室奈美恵"), null),
                recording("3426c288-fb5b-4f59-9a89-91053dd3b9e7", "CAN YOU CELEBRATE?", 384000, "TOUR “GENIUS 2000\"", amuro("安室奈美恵"), null),
                recording("199530fd-d85c-4776-a168-122cf94466b6", "CAN YOU CELEBRATE?", 380000, null, amuro("安室奈美恵"),
                        List.of("JPB601901953")),
                recording("5d53bb09-b0b8-4032-b760-58500e3a7969", "CAN YOU CELEBRATE?", null,
                        "5 Major Domes Tour 2012 ～20th Anniversary Best～ LIVE CD", amuro("Namie Amuro"), null),
                recording("ea147303-bb21-4bd1-8c48-9957b73066ad", "CAN YOU CELEBRATE?", 377973, null, amuro("安室奈美恵"),
                        List.of("JPB609623401")),
                recording("c2cc3337-b3ff-455a-932b-c5824dd6194d", "CAN YOU CELEBRATE?", null,
                        "live, 2001-05-27: Yoyogi National Gymnasium, Shibuya, Tokyo, Japan", amuro("namie amuro"), null),
                recording("ae5c6fe2-1678-481b-8878-db363cdb2eea", "CAN YOU CELEBRATE?", 381000, "2017 rerecording", amuro("安室奈美恵"),
                        List.of("JPB601703241"))),
                Set.of("4963a05b-0956-4a06-a1db-0ce4c5c88f45", "33e147ff-154c-41f3-b50b-5399946faed8",
                        "11d84468-175a-41f7-8dc7-691ed118fd98", "3426c288-fb5b-4f59-9a89-91053dd3b9e7",
                        "c2cc3337-b3ff-455a-932b-c5824dd6194d"));
    }

    @Test
    void aVideoWithoutALengthNoLongerBeatsTheStudioRecording() {
        serve(canYouCelebrate());

        SourceResult r = clients.get("musicbrainz").fetch(request("安室奈美恵", "CAN YOU CELEBRATE?", 377973));

        assertThat(r.outcome()).isEqualTo(Outcome.FOUND);
        // the length-less concert video listed first scored above every studio take (no duration to count against it)
        assertThat(r.fields()).containsEntry("musicbrainz_id", "ea147303-bb21-4bd1-8c48-9957b73066ad").containsEntry("isrc", "JPB609623401");
    }

    @Test
    void aLiveTakeOrAVideoIsFoundOnlyWhenAskedFor() {
        serve(canYouCelebrate());

        SourceResult live = clients.get("musicbrainz").fetch(request("安室奈美恵", "CAN YOU CELEBRATE? (Live)", null));
        SourceResult rerecorded = clients.get("musicbrainz").fetch(request("安室奈美恵", "CAN YOU CELEBRATE? (Re-Recorded)", 381000));

        // the only live recording that is not a video: its title is plain, its disambiguation says "LIVE CD"
        assertThat(live.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(live.fields()).containsEntry("musicbrainz_id", "5d53bb09-b0b8-4032-b760-58500e3a7969");
        assertThat(rerecorded.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(rerecorded.fields()).containsEntry("musicbrainz_id", "ae5c6fe2-1678-481b-8878-db363cdb2eea");
    }

    @Test
    void aRomanisedCatalogueArtistMeetsTheSortName() {
        serve(canYouCelebrate());

        SourceResult r = clients.get("musicbrainz").fetch(request("Namie Amuro", "Can You Celebrate?", 377973));

        assertThat(r.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(r.fields()).containsEntry("musicbrainz_id", "ea147303-bb21-4bd1-8c48-9957b73066ad");
    }

    @Test
    void anIsrcWithTheLetterOBeforeItsValidTwinIsNotTheRecordingsIsrc() {
        // 天体観測: the studio recording lists JPTFO0100101 (O for 0 in the registrant) before JPTF00100101
        Credit bump = new Credit("BUMP OF CHICKEN", null, "b1", "BUMP OF CHICKEN", "BUMP OF CHICKEN");
        serve(search(List.of(
                recording("4495f77d-283c-4fde-bc99-fb06ad64aa8b", "天体観測", 263600, null, bump, List.of("JPTFO0100101", "JPTF00100101")),
                recording("3e26a268-25ad-4658-8b38-2eb9c85755d5", "天体観測", null,
                        "live, BUMP OF CHICKEN TOUR 2017-2018 PATHFINDER SAITAMA SUPER ARENA", bump, null),
                recording("d87d7131-90ff-4de0-9fd1-1b28c5d2fe92", "天体観測", null, null, bump, null)),
                Set.of("3e26a268-25ad-4658-8b38-2eb9c85755d5", "d87d7131-90ff-4de0-9fd1-1b28c5d2fe92")));

        SourceResult r = clients.get("musicbrainz").fetch(request("BUMP OF CHICKEN", "天体観測", 263000));

        assertThat(r.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(r.fields()).containsEntry("musicbrainz_id", "4495f77d-283c-4fde-bc99-fb06ad64aa8b")
                .containsEntry("isrc", "JPTF00100101").containsEntry("isrcs", List.of("JPTF00100101"));
    }
}
