package dev.trackenricher.track;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /tracks: keyset pages in either order, the filters, and a 400 naming each bad parameter. */
class CatalogueListTest extends IntegrationTest {

    /** A track added at a given time, in a status, with these source outcomes ("spotify=failed"). */
    UUID track(String artist, String title, Instant created, String status, String... outcomes) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO tracks (id, artist_name, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)", id, artist, title,
                Timestamp.from(created), Timestamp.from(created));
        jdbc.update("INSERT INTO enrichment_status (track_id, status) VALUES (?, ?)", id, status);
        for (String o : outcomes) {
            String[] so = o.split("=");
            jdbc.update("INSERT INTO enrichment_source_status (track_id, source, outcome, last_attempt) VALUES (?, ?, ?, now())", id, so[0],
                    so[1]);
        }
        return id;
    }

    List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("tracks").forEach(t -> out.add(t.path("id").asText()));
        return out;
    }

    @Test
    void pagesThroughEveryTrackOnceNewestFirstThenOldestFirst() {
        Instant base = Instant.parse("2026-03-01T10:00:00Z");
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // three tracks share each instant, as a batch added in one transaction does: the id breaks the tie
            added.add(track("Artist " + i, "Title " + i, base.plusSeconds(i / 3), "pending").toString());
        }
        Http http = new Http(port);

        List<String> newest = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = http.get("/tracks?limit=5" + (next == null ? "" : "&after=" + next)).json();
            assertThat(page.path("order").asText()).isEqualTo("newest");
            assertThat(page.path("count").asInt()).isEqualTo(page.path("tracks").size());
            newest.addAll(ids(page));
            page.path("tracks").forEach(t -> times.add(Instant.parse(t.path("created_at").asText())));
            next = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (next != null);

        assertThat(pages).isEqualTo(5);
        assertThat(newest).hasSize(23).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(added);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isBeforeOrEqualTo(times.get(i - 1));
        }

        List<String> oldest = new ArrayList<>();
        next = null;
        do {
            JsonNode page = http.get("/tracks?order=oldest&limit=7" + (next == null ? "" : "&after=" + next)).json();
            oldest.addAll(ids(page));
            next = page.path("next").isNull() ? null : page.path("next").asText();
        } while (next != null);
        List<String> reversed = new ArrayList<>(newest);
        java.util.Collections.reverse(reversed);
        assertThat(oldest).isEqualTo(reversed);
    }

    @Test
    void aPageCarriesTheTrackAsGetTrackShowsIt() {
        UUID id = track("Daft Punk", "One More Time", Instant.now(), "completed");
        jdbc.update("UPDATE tracks SET metadata = '{\"bpm\": 123.0, \"field_sources\": {\"bpm\": \"getsongbpm\"}}'::jsonb WHERE id = ?", id);

        JsonNode listed = new Http(port).get("/tracks").json().path("tracks").get(0);
        JsonNode single = new Http(port).get("/tracks/" + id).json();

        assertThat(listed).isEqualTo(single);
        assertThat(listed.path("status").asText()).isEqualTo("completed");
        assertThat(listed.path("metadata").path("bpm").asDouble()).isEqualTo(123.0);
    }

    @Test
    void filtersByStatusBySourceOutcomeAndByText() {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        UUID beyonce = track("Beyoncé", "Halo", t, "completed", "spotify=found", "discogs=failed");
        UUID sigur = track("Sigur Rós", "Hoppípolla", t.plusSeconds(1), "failed", "spotify=failed", "discogs=failed");
        UUID daft = track("Daft Punk", "One More Time", t.plusSeconds(2), "partial", "spotify=failed", "discogs=found");
        UUID percent = track("The 100% Band", "under_score", t.plusSeconds(3), "pending");
        Http http = new Http(port);

        assertThat(ids(http.get("/tracks?status=failed").json())).containsExactly(sigur.toString());
        assertThat(ids(http.get("/tracks?source=spotify&outcome=failed").json())).containsExactly(daft.toString(), sigur.toString());
        assertThat(ids(http.get("/tracks?source=discogs&outcome=failed&status=completed").json())).containsExactly(beyonce.toString());
        assertThat(ids(http.get("/tracks?outcome=found&order=oldest").json())).containsExactly(beyonce.toString(), daft.toString());
        assertThat(ids(http.get("/tracks?source=spotify").json())).hasSize(3);
        // case and accents aside, each word anywhere in artist or title
        assertThat(ids(http.get("/tracks?q=beyonce").json())).containsExactly(beyonce.toString());
        assertThat(ids(http.get("/tracks?q=" + q("SIGUR hoppipolla")).json())).containsExactly(sigur.toString());
        assertThat(ids(http.get("/tracks?q=" + q("RÓS")).json())).containsExactly(sigur.toString());
        assertThat(ids(http.get("/tracks?q=" + q("punk time")).json())).containsExactly(daft.toString());
        assertThat(ids(http.get("/tracks?q=" + q("punk halo")).json())).isEmpty();
        // LIKE's own characters are taken as they are
        assertThat(ids(http.get("/tracks?q=" + q("100%")).json())).containsExactly(percent.toString());
        assertThat(ids(http.get("/tracks?q=" + q("%")).json())).containsExactly(percent.toString());
        assertThat(ids(http.get("/tracks?q=" + q("s_gur")).json())).isEmpty();
        assertThat(ids(http.get("/tracks?q=" + q("under_")).json())).containsExactly(percent.toString());
    }

    @Test
    void filteredPagesFollowTheirCursorToo() {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        Set<String> failed = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            UUID id = track("A" + i, "T" + i, t.plusSeconds(i), i % 3 == 0 ? "failed" : "completed");
            if (i % 3 == 0) {
                failed.add(id.toString());
            }
        }
        Http http = new Http(port);
        JsonNode first = http.get("/tracks?status=failed&limit=3").json();
        JsonNode second = http.get("/tracks?status=failed&limit=3&after=" + first.path("next").asText()).json();

        assertThat(ids(first)).hasSize(3);
        assertThat(ids(second)).hasSize(1);
        assertThat(second.path("next").isNull()).isTrue();
        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        assertThat(all).containsExactlyInAnyOrderElementsOf(failed);
    }

    @Test
    void aBadParameterIsA400NamingIt() {
        Http http = new Http(port);
        String cursor = cursorOf("newest");

        assertBad(http.get("/tracks?status=broken"), "status: \"broken\" is not a status");
        assertBad(http.get("/tracks?source=napster"), "source: \"napster\" is not a source");
        assertBad(http.get("/tracks?source=spotify&outcome=lost"), "outcome: \"lost\" is not an outcome");
        assertBad(http.get("/tracks?limit=0"), "limit: \"0\" is not a whole number from 1 to 500");
        assertBad(http.get("/tracks?limit=501"), "limit:");
        assertBad(http.get("/tracks?limit=ten"), "limit:");
        assertBad(http.get("/tracks?order=sideways"), "order: \"sideways\" is not an order (newest, oldest)");
        assertBad(http.get("/tracks?after=bm90IGEgY3Vyc29y"), "after: not a cursor this service gave");
        assertBad(http.get("/tracks?order=oldest&after=" + cursor), "after: the cursor continues an order=newest listing");
        assertBad(http.get("/tracks?stauts=failed"), "stauts: not a parameter of this operation");
        assertBad(http.get("/tracks?status=failed&status=partial"), "status: given more than once");
        assertBad(http.get("/tracks?q=" + q("a b c d e f g h i j k")), "q: 11 words; at most 10");
    }

    private String cursorOf(String order) {
        for (int i = 0; i < 3; i++) {
            track("C" + i, "T" + i, Instant.now().plusSeconds(i), "pending");
        }
        return new Http(port).get("/tracks?limit=1&order=" + order).json().path("next").asText();
    }

    private static void assertBad(Http.Answer answer, String error) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains(error);
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
