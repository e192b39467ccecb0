package dev.trackenricher.source.discogs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.match.Candidate;
import dev.trackenricher.match.MatchQuery;
import dev.trackenricher.match.MatchSettings;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.json.JsonFields;
import dev.trackenricher.support.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every recorded Discogs body in fixtures/discogs/, read by the client's mapping. */
class DiscogsFixturesTest {

    final TrackMatcher matcher = new TrackMatcher(MatchSettings.defaults());

    @Test
    void databaseSearchTrash80InThe2012ShapeWithLabelAsString() {
        List<JsonNode> results = JsonFields.array(Fixtures.json("discogs/database-search-q-trash80.json"), "results");
        assertThat(results).hasSize(13);

        Map<String, Object> icarus = DiscogsClient.searchFields(results.get(1));
        assertThat(icarus).containsEntry("discogs_release_id", 1743771L)
                .containsEntry("discogs_release_title", "Icarus")
                // "label": "8bitpeoples" is a plain string in 2012 answers, an array today
                .containsEntry("label", "8bitpeoples")
                // "year": "2008" arrives as a string
                .containsEntry("year", 2008L)
                .containsEntry("country", "US")
                .containsEntry("genres", List.of("Electronic"))
                .containsEntry("styles", List.of("Electro", "Chiptune"))
                .containsEntry("catalog_number", "8BP086")
                .doesNotContainKeys("discogs_master_id", "discogs_cover_image");
        // "Not On Label" means no label
        assertThat(DiscogsClient.searchFields(results.get(4))).doesNotContainKey("label").containsEntry("year", 2005L);

        // the artist result (type "artist") and other artists' releases are never chosen; among Trash80's
        // releases the earliest (the original) is looked at
        assertThat(DiscogsClient.choose("Trash80", results)).hasValueSatisfying(r -> assertThat(r.get("id").asLong()).isEqualTo(480740));
        assertThat(DiscogsClient.choose("Nullsleep", results)).hasValueSatisfying(r -> assertThat(r.get("id").asLong()).isEqualTo(1554401));
        assertThat(DiscogsClient.choose("Daft Punk", results)).isEmpty();
    }

    @Test
    void release1PersuaderStockholm() {
        JsonNode release = Fixtures.json("discogs/release-1.json");

        Map<String, Object> f = DiscogsClient.releaseFields(release);
        assertThat(f).containsEntry("discogs_release_id", 1L)
                .containsEntry("discogs_master_id", 5427L)
                .containsEntry("discogs_release_title", "Stockholm")
                .containsEntry("label", "Svek")
                .containsEntry("catalog_number", "SK032")
                .containsEntry("year", 1999L)
                // "1999-03-00": an unknown day is dropped, not kept as day 0
                .containsEntry("discogs_released", "1999-03")
                .containsEntry("country", "Sweden")
                .containsEntry("genres", List.of("Electronic"))
                .containsEntry("styles", List.of("Deep House"));

        List<Candidate<JsonNode>> tracks = DiscogsClient.tracklist(release);
        assertThat(tracks).hasSize(6);
        // "Persuader, The" is how Discogs sorted the name in 2012
        assertThat(tracks.get(0).artists()).containsExactly("The Persuader");
        assertThat(tracks.get(0).durationMs()).isEqualTo(285_000);
        var match = matcher.best(new MatchQuery("The Persuader", "Östermalm", 285_500), tracks);
        assertThat(match).hasValueSatisfying(m -> assertThat(m.item().get("position").asText()).isEqualTo("A"));
        assertThat(matcher.best(new MatchQuery("The Persuader", "Kungsholmen (Live)", null), tracks)).isEmpty();
    }

    @Test
    void release8138518WithEmptyDurationsAndNameVariation() {
        JsonNode release = Fixtures.json("discogs/release-8138518.json");

        Map<String, Object> f = DiscogsClient.releaseFields(release);
        assertThat(f).containsEntry("discogs_release_id", 8138518L)
                .containsEntry("discogs_master_id", 960657L)
                .containsEntry("discogs_release_title", "Elephant Riddim")
                .containsEntry("label", "Magnetic Loft Records")
                .containsEntry("catalog_number", "MLR-007")
                .containsEntry("year", 2016L)
                .containsEntry("discogs_released", "2016-02-18")
                .containsEntry("country", "Russia")
                .containsEntry("genres", List.of("Jazz", "Reggae"))
                .containsEntry("styles", List.of("Ska", "Reggae"));

        List<Candidate<JsonNode>> tracks = DiscogsClient.tracklist(release);
        assertThat(tracks).hasSize(10);
        // "duration": "" is unknown, not zero
        assertThat(tracks).allSatisfy(t -> assertThat(t.durationMs()).isNull());
        assertThat(tracks.get(0).artists()).containsExactly("St. Petersburg Ska-Jazz Review", "SPB Ska-Jazz Review");
        assertThat(matcher.best(new MatchQuery("St. Petersburg Ska-Jazz Review", "Water Taxi", 301_000), tracks))
                .hasValueSatisfying(m -> assertThat(m.item().get("position").asText()).isEqualTo("B2"));
    }

    @Test
    void artistNamesAndDurationsAsDiscogsWritesThem() {
        assertThat(DiscogsClient.artistOf("Trash80 & Dma-Sc - Darwinia Soundtrack")).isEqualTo("Trash80 & Dma-Sc");
        assertThat(DiscogsClient.artistOf("Prince (2) - Purple Rain")).isEqualTo("Prince");
        assertThat(DiscogsClient.artistOf("Madonna* - Music")).isEqualTo("Madonna");
        assertThat(DiscogsClient.artistName("Beatles, The")).isEqualTo("The Beatles");
        assertThat(DiscogsClient.duration("1:02:03")).contains(3_723_000);
        assertThat(DiscogsClient.duration("")).isEmpty();
        assertThat(DiscogsClient.duration("n/a")).isEmpty();
    }

    @Test
    void release3ProfoundSoundsCreditsEachTrackToItsOwnArtistsWithTheirJoins() {
        // a mix CD by Josh Wink: the tracks' artists, joined by "&", "Meets", "Presents"; "Care Company (2)"; "Persuader, The"
        List<Candidate<JsonNode>> tracks = DiscogsClient.tracklist(Fixtures.json("discogs/release-3-josh-wink-profound-sounds-vol1.json"));
        assertThat(tracks.get(0).artists()).containsExactly("Heiko Laux", "Johannes Heil");
        assertThat(tracks.get(3).artists()).containsExactly("The Persuader");
        assertThat(tracks.get(4).artists()).containsExactly("Care Company");

        assertThat(position(matcher.best(new MatchQuery("Johannes Heil", "Untitled 8", 420000), tracks))).isEqualTo("1");
        assertThat(position(matcher.best(new MatchQuery("Heiko Laux & Johannes Heil", "Untitled 8", null), tracks))).isEqualTo("1");
        assertThat(position(matcher.best(new MatchQuery("Kathy Lee", "K-Mart Shopping (Hi-Fi Mix)", 342000), tracks))).isEqualTo("8");
        assertThat(position(matcher.best(new MatchQuery("Black Odyssey", "Sweat", 366000), tracks))).isEqualTo("10");
        assertThat(position(matcher.best(new MatchQuery("John Selway & Christian Smith", "Silver", 196000), tracks))).isEqualTo("11");
        // the compiler is the release's artist, not the tracks'
        assertThat(matcher.best(new MatchQuery("Josh Wink", "Untitled 8", null), tracks)).isEmpty();
        // a remix on the tracklist is not the plain track
        assertThat(matcher.best(new MatchQuery("Nerio's Dubwork", "K-Mart Shopping", null), tracks)).isEmpty();
    }

    @Test
    void release71989JoinsVsAndKeepsANameHoldingAnAmpersandWhole() {
        List<Candidate<JsonNode>> tracks = DiscogsClient.tracklist(Fixtures.json("discogs/release-71989-james-lavelle-barcelona-023-EXTRACTED.json"));
        assertThat(position(matcher.best(new MatchQuery("Dylan Rhymes", "Hold Back", null), tracks))).isEqualTo("C");
        assertThat(position(matcher.best(new MatchQuery("Force Mass Motion x Dylan Rhymes", "Hold Back", null), tracks))).isEqualTo("C");
        assertThat(position(matcher.best(new MatchQuery("Layo and Bushwacka!", "Let The Good Times Roll", null), tracks))).isEqualTo("B");
        assertThat(position(matcher.best(new MatchQuery("DJ Shadow", "Mongrel... Meets His Maker", null), tracks))).isEqualTo("E");
        assertThat(matcher.best(new MatchQuery("James Lavelle", "The Vibe", null), tracks)).isEmpty();
    }

    private static String position(java.util.Optional<dev.trackenricher.match.Match<JsonNode>> match) {
        return match.map(m -> m.item().get("position").asText()).orElse("none");
    }
}
