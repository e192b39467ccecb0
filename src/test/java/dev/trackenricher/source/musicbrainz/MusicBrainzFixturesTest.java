package dev.trackenricher.source.musicbrainz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.match.MatchQuery;
import dev.trackenricher.match.MatchSettings;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.support.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every recorded MusicBrainz body in fixtures/musicbrainz/, read by the client's mapping. */
class MusicBrainzFixturesTest {

    final TrackMatcher matcher = new TrackMatcher(MatchSettings.defaults());

    @Test
    void picardRecordingLookupMultiArtistCredit() {
        JsonNode r = Fixtures.json("musicbrainz/picard-recording-lookup-multi-artist-credit-TRIMMED.json");

        Map<String, Object> f = MusicBrainzClient.fields(r);

        assertThat(f).containsEntry("musicbrainz_id", "7684982a-efee-49e5-baf0-82a466f12508")
                .containsEntry("title", "1000 Nights")
                .containsEntry("duration_ms", 212306L)
                // artist MBIDs come from artist-credit[].artist.id, in credit order
                .containsEntry("musicbrainz_artist_ids", List.of("b8a7c51f-362c-4dcb-a259-bc6e0095f0a6",
                        "31bcadcc-e1da-4cad-bec8-2f4f1d41b095", "c1708d03-8a66-46eb-848e-fe0d233ffb39"))
                .containsEntry("artist_credit", "Ed Sheeran feat. Meek Mill & A Boogie Wit da Hoodie");
        assertThat(MusicBrainzClient.creditNames(r)).containsExactly("Ed Sheeran", "Meek Mill", "A Boogie Wit da Hoodie");
        assertThat(matcher.best(new MatchQuery("Ed Sheeran", "1000 Nights", 212000), MusicBrainzClient.candidates(List.of(r)))).isPresent();
    }

    @Test
    void picardRecordingLookupThinkingOutLoud() {
        Map<String, Object> f = MusicBrainzClient.fields(Fixtures.json("musicbrainz/picard-recording-lookup-thinking-out-loud-TRIMMED.json"));

        assertThat(f).containsEntry("musicbrainz_id", "cb2cc207-8125-445c-9ef9-6ea44eee959a")
                .containsEntry("title", "Thinking Out Loud")
                .containsEntry("duration_ms", 281000L)
                .containsEntry("first_release_date", "2014-06-20")
                .containsEntry("isrcs", List.of("GBAHS1400099"))
                .containsEntry("isrc", "GBAHS1400099")
                .containsEntry("musicbrainz_artist_ids", List.of("b8a7c51f-362c-4dcb-a259-bc6e0095f0a6"));
        // the related DJ-mix and cover recordings in "relations" are not this recording's data
        assertThat(f.toString()).doesNotContain("89f35c6f").doesNotContain("Kidz Bop");
    }

    @Test
    void picardRecordingSearchResultItemWithIntegerScore() {
        JsonNode r = Fixtures.json("musicbrainz/picard-recording-search-result-item.json");

        Map<String, Object> f = MusicBrainzClient.fields(r);

        assertThat(MusicBrainzClient.searchScore(r)).contains(100L);
        assertThat(f).containsEntry("musicbrainz_id", "46b97aca-a524-4993-8ec5-93c736081442")
                .containsEntry("title", "Lune")
                .containsEntry("duration_ms", 567032L)
                .containsEntry("musicbrainz_artist_ids", List.of("5103b22e-514f-46b1-afdf-c99517c791e2"))
                // a search hit has no first-release-date: its earliest release date stands in
                .containsEntry("first_release_date", "2022-10-28");
        assertThat(f.get("releases")).isEqualTo(List.of(Map.of("id", "af96cd94-f759-4f9f-8c63-75404d4853dc",
                "title", "Eastbound Silhouette", "date", "2022-10-28", "country", "XW", "status", "Official")));
    }

    @Test
    void ws2IsrcLookupGBAAA9900303() {
        List<JsonNode> recordings = MusicBrainzClient.recordings(Fixtures.json("musicbrainz/ws2-isrc-GBAAA9900303-lookup.expected.json"));

        assertThat(recordings).hasSize(1);
        Map<String, Object> f = MusicBrainzClient.fields(recordings.get(0));
        assertThat(f).containsEntry("musicbrainz_id", "bf7845cc-eac3-48a3-8b06-543b4b7ba117")
                .containsEntry("title", "Hey Boy Hey Girl")
                .containsEntry("duration_ms", 289946L)
                .containsEntry("first_release_date", "1999-06-21")
                .doesNotContainKeys("musicbrainz_artist_ids", "isrcs");
    }

    @Test
    void ws2RecordingLookupIncArtists() {
        Map<String, Object> f = MusicBrainzClient.fields(Fixtures.json("musicbrainz/ws2-recording-lookup-inc-artists.expected.json"));

        assertThat(f).containsEntry("musicbrainz_id", "0cf3008f-e246-428f-abc1-35f87d584d60")
                .containsEntry("title", "the Love Bug")
                .containsEntry("duration_ms", 243000L)
                .containsEntry("first_release_date", "2004-03-17")
                .containsEntry("musicbrainz_artist_ids", List.of("22dd2db3-88ea-4428-a7a8-5cd3acf23175", "a16d1433-ba89-4f72-a47b-a370add0bb55"))
                // the non-ASCII joinphrase is kept as written
                .containsEntry("artist_credit", "m-flo♥BoA");
    }

    @Test
    void ws2RecordingLookupIncIsrcs() {
        Map<String, Object> f = MusicBrainzClient.fields(Fixtures.json("musicbrainz/ws2-recording-lookup-inc-isrcs.expected.json"));

        assertThat(f).containsEntry("musicbrainz_id", "162630d9-36d2-4a8d-ade1-1c77440b34e7")
                .containsEntry("title", "サマーれげぇ!レインボー")
                .containsEntry("isrcs", List.of("JPA600102450"))
                .containsEntry("isrc", "JPA600102450")
                .containsEntry("duration_ms", 296026L)
                .containsEntry("first_release_date", "2001-07-04");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ws2RecordingLookupIncReleasesReleaseGroupsArtists() {
        Map<String, Object> f = MusicBrainzClient.fields(
                Fixtures.json("musicbrainz/ws2-recording-lookup-inc-releases-release-groups-artists.expected.json"));

        assertThat(f).containsEntry("musicbrainz_artist_ids", List.of("802673f0-9b88-4e8a-bb5c-dd01d68b086f"))
                .containsEntry("artist_credit", "7人祭");
        List<Map<String, Object>> releases = (List<Map<String, Object>>) f.get("releases");
        assertThat(releases).extracting(r -> r.get("title")).containsExactly("Summer Reggae! Rainbow", "サマーれげぇ!レインボー");
        assertThat(releases).extracting(r -> r.get("status")).containsExactly("Pseudo-Release", "Official");
        assertThat(releases).extracting(r -> r.get("type")).containsExactly("Single", "Single");
        assertThat(releases.get(0)).containsEntry("id", "b3b7e934-445b-4c68-a097-730c6a6d47e6").containsEntry("country", "JP");
    }

    @Test
    void ws2RecordingSearchLove2015WithScoreAsString() {
        JsonNode body = Fixtures.json("musicbrainz/ws2-recording-search-love-2015.json");

        List<JsonNode> recordings = MusicBrainzClient.recordings(body);
        assertThat(recordings).hasSize(1);
        JsonNode r = recordings.get(0);
        // older servers send the score as the string "100"
        assertThat(r.get("score").isTextual()).isTrue();
        assertThat(MusicBrainzClient.searchScore(r)).contains(100L);
        Map<String, Object> f = MusicBrainzClient.fields(r);
        assertThat(f).containsEntry("musicbrainz_id", "7f76fc25-5576-4b7d-8401-87660bd3f5f1")
                .containsEntry("title", "L.O.V.E.")
                .containsEntry("duration_ms", 231666L)
                .containsEntry("musicbrainz_artist_ids", List.of("e414a176-b978-492f-b6bc-9fd4c89df221"))
                // the credit has no name of its own here: the artist's name stands in
                .containsEntry("artist_credit", "L.O.V.E.")
                .containsEntry("first_release_date", "2004-04-19");
        assertThat((List<?>) f.get("releases")).hasSize(3);
        assertThat(matcher.best(new MatchQuery("L.O.V.E.", "L.O.V.E.", 231000), MusicBrainzClient.candidates(recordings))).isPresent();
    }

    @Test
    void searchHitsAreTakenBestScoreFirst() throws Exception {
        JsonNode body = new ObjectMapper().readTree("""
                {"recordings":[{"id":"low","score":"40","title":"x"},{"id":"high","score":100,"title":"x"},{"id":"mid","score":"85","title":"x"}]}
                """);
        assertThat(MusicBrainzClient.recordings(body)).extracting(r -> r.get("id").asText()).containsExactly("high", "mid", "low");
    }

    @Test
    void luceneSpecialsAreEscaped() {
        assertThat(LuceneQuery.recording("AC/DC", "Who Made Who (Live)"))
                .isEqualTo("artist:\"AC\\/DC\" AND recording:\"Who Made Who \\(Live\\)\"");
        assertThat(LuceneQuery.escape("a+b-c&&d||e!f{g}h[i]j^k\"l~m*n?o:p\\q"))
                .isEqualTo("a\\+b\\-c\\&\\&d\\|\\|e\\!f\\{g\\}h\\[i\\]j\\^k\\\"l\\~m\\*n\\?o\\:p\\\\q");
    }
}
