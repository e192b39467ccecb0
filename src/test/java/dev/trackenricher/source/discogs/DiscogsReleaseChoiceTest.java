package dev.trackenricher.source.discogs;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceClients;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Fixtures;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.wire.DiscogsWire;
import dev.trackenricher.support.wire.DiscogsWire.SearchResult;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Discogs releases as they really are: joint credits ("Trash80 &amp; Dma-Sc"), an artist's earliest
 * release without the track, a 12" named after the track, several tracks of one release. Release
 * bodies are recorded answers (fixtures/discogs/, see PROVENANCE.md); search answers that no
 * recording holds are written in the search's shape from the values of those releases.
 */
class DiscogsReleaseChoiceTest extends IntegrationTest {

    @Autowired
    SourceClients clients;

    static SourceRequest request(String artist, String title, Integer durationMs) {
        return new SourceRequest(UUID.randomUUID(), artist, title, null, null, durationMs, null, "test");
    }

    private static void search(String body) {
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("discogs") + DiscogsWire.SEARCH)).atPriority(2)
                .willReturn(okJson(body)));
    }

    private static void release(long id, String fixture) {
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("discogs") + DiscogsWire.RELEASES + id)).atPriority(2)
                .willReturn(okJson(Fixtures.text(fixture))));
    }

    private static List<String> paths() {
        return ApiStubs.requests("discogs").stream().map(LoggedRequest::getUrl).map(u -> u.replaceFirst("\\?.*", ""))
                .map(u -> u.substring(u.indexOf("/discogs") + "/discogs".length())).toList();
    }

    /** The release of "Trash80 & Dma-Sc - Darwinia Soundtrack" as the search lists it (fixtures/discogs/database-search-q-trash80.json). */
    private static String darwiniaOnly() {
        return DiscogsWire.search(List.of(new SearchResult(3329867, "Trash80 & Dma-Sc - Darwinia Soundtrack", "2005", "US", List.of("File"),
                List.of("Not On Label"), List.of("Electronic"), List.of("Chiptune"), "none"))).body();
    }

    @Test
    void aTrackByTheSecondNameOfAJointCreditIsFoundOnItsRelease() {
        // the recorded search: the joint release among Trash80's and others'
        search(Fixtures.text("discogs/database-search-q-trash80.json"));
        release(3329867, "discogs/release-3329867-trash80-and-dma-sc-darwinia.json");

        SourceResult r = clients.get("discogs").fetch(request("Dma-Sc", "Visitors From Dreams", 330000));

        assertThat(r.outcome()).as(String.valueOf(r.error())).isEqualTo(Outcome.FOUND);
        assertThat(r.fields()).containsEntry("discogs_release_id", 3329867L).containsEntry("discogs_track_position", "1")
                .containsEntry("year", 2005L).containsEntry("discogs_release_title", "Darwinia Soundtrack");
        // the tracklist credits that track to Dma-Sc alone: Trash80 did not make it
        assertThat(clients.get("discogs").fetch(request("Trash80", "Visitors From Dreams", null)).outcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void whenTheEarliestReleaseLacksTheTrackTheNextPlausibleOneIsRead() {
        // The Persuader: City Of Islands (1998) comes first by year, Östermalm is on Stockholm (1999)
        search(DiscogsWire.search(List.of(
                new SearchResult(79, "Persuader, The - City Of Islands", "1998", "Sweden", List.of("Vinyl", "12\""), List.of("Svek"),
                        List.of("Electronic"), List.of("Deep House", "Tech House"), "SK029"),
                new SearchResult(1, "Persuader, The - Stockholm", "1999", "Sweden", List.of("Vinyl", "12\"", "33 ⅓ RPM"), List.of("Svek"),
                        List.of("Electronic"), List.of("Deep House"), "SK032"))).body());
        release(79, "discogs/release-79-persuader-the-city-of-islands.json");
        release(1, "discogs/release-1.json");

        SourceResult r = clients.get("discogs").fetch(request("The Persuader", "Östermalm", 285000));

        assertThat(r.outcome()).as(String.valueOf(r.error())).isEqualTo(Outcome.FOUND);
        assertThat(r.fields()).containsEntry("discogs_release_id", 1L).containsEntry("discogs_track_position", "A")
                .containsEntry("catalog_number", "SK032").containsEntry("year", 1999L);
        assertThat(paths()).containsExactly("/database/search", "/releases/79", "/releases/1");
    }

    @Test
    void aReleaseNamedAfterTheTrackDecidesWithoutReadingItsTracklist() {
        // Rick Astley's 1987 12" (fixtures/discogs/release-1503102-…): Cake Mix, Instrumental, the original
        search(DiscogsWire.search(List.of(new SearchResult(1503102, "Rick Astley - Never Gonna Give You Up", "1987", "Australia & New Zealand",
                List.of("Vinyl", "12\"", "45 RPM", "Maxi-Single"), List.of("RCA Victor"), List.of("Electronic", "Pop"),
                List.of("Synth-pop"), "TDS 407"))).body());
        release(1503102, "discogs/release-1503102-rick-astley-never-gonna-give-you-up-12in.json");

        SourceResult plain = clients.get("discogs").fetch(request("Rick Astley", "Never Gonna Give You Up", 213000));

        assertThat(plain.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(plain.fields()).containsEntry("discogs_release_id", 1503102L).containsEntry("label", "RCA Victor")
                .containsEntry("catalog_number", "TDS 407").containsEntry("year", 1987L).doesNotContainKey("discogs_track_position");
        assertThat(paths()).containsExactly("/database/search");

        // a version asked for is not in a release's title: its tracklist says
        SourceResult instrumental = clients.get("discogs").fetch(request("Rick Astley", "Never Gonna Give You Up (Instrumental)", 381000));
        assertThat(instrumental.fields()).containsEntry("discogs_track_position", "B1");
        assertThat(paths()).containsExactly("/database/search", "/database/search", "/releases/1503102");
    }

    @Test
    void laterTracksOfAReleaseAlreadyReadCostNoRequest() {
        search(darwiniaOnly());
        release(3329867, "discogs/release-3329867-trash80-and-dma-sc-darwinia.json");

        SourceResult excuses = clients.get("discogs").fetch(request("Trash80", "Excuses", 346000));
        SourceResult schroeder = clients.get("discogs").fetch(request("Trash80", "Schroeder’s Failure", 222000));
        SourceResult pain = clients.get("discogs").fetch(request("Trash80", "Pain Fade Down", null));

        assertThat(List.of(excuses, schroeder, pain)).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.FOUND));
        assertThat(schroeder.fields()).containsEntry("discogs_track_position", "3");
        // the album's later tracks are found on the release its first track read (DiscogsReleases), under their own titles
        assertThat(paths()).containsExactly("/database/search", "/releases/3329867");
    }

    @Test
    void tracksOfOneReleaseInFlightAtOnceReadItOnce() throws Exception {
        search(darwiniaOnly());
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("discogs") + DiscogsWire.RELEASES + 3329867)).atPriority(2)
                .willReturn(okJson(Fixtures.text("discogs/release-3329867-trash80-and-dma-sc-darwinia.json")).withFixedDelay(400)));

        List<CompletableFuture<SourceResult>> inFlight = List.of("Excuses", "Impact Of Silence", "Faces Of A Fashion").stream()
                .map(title -> CompletableFuture.supplyAsync(() -> clients.get("discogs").fetch(request("Trash80", title, null)))).toList();

        assertThat(inFlight).allSatisfy(f -> assertThat(f.get().outcome()).isEqualTo(Outcome.FOUND));
        assertThat(paths()).filteredOn(p -> p.startsWith("/releases/")).containsExactly("/releases/3329867");
    }
}
