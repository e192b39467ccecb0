package dev.trackenricher.track;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** GET /tracks/export: CSV a standard reader opens and the import takes back, JSON Lines, filters, streaming, slots. */
class CatalogueExportTest extends IntegrationTest {

    @Autowired
    ObjectMapper json;
    @Autowired
    CsvTrackImporter importer;
    @Autowired
    CatalogueExport export;

    List<CSVRecord> csv(String body) throws Exception {
        try (CSVParser parser = CSVParser.parse(new StringReader(body), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames()).isEqualTo(ExportColumns.NAMES);
            return parser.getRecords();
        }
    }

    List<JsonNode> jsonl(String body) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            out.add(json.readTree(line));
        }
        return out;
    }

    @Test
    void anEnrichedTrackIsExportedWithEveryMergedField() throws Exception {
        TestTrack t = TestTrack.numbered(701);
        ApiStubs.knowEverywhere(t);
        UUID id = addTracks(List.of(t)).get(0);
        runEnrich(null);
        JsonNode metadata = json.readTree(jdbc.queryForObject("SELECT metadata::text FROM tracks WHERE id = ?", String.class, id));
        Double weakest = jdbc.queryForObject("SELECT min(confidence) FROM enrichment_source_status WHERE track_id = ? AND outcome = 'found'",
                Double.class, id);

        Http.Answer answer = new Http(port).get("/tracks/export?format=jsonl");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> rows = jsonl(answer.body());
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        List<String> columns = new ArrayList<>();
        row.fieldNames().forEachRemaining(columns::add);
        assertThat(columns).isEqualTo(ExportColumns.NAMES);
        assertThat(row.path("id").asText()).isEqualTo(id.toString());
        assertThat(row.path("artist_name").asText()).isEqualTo(t.artist());
        assertThat(row.path("isrc").asText()).isEqualTo(t.isrc());
        assertThat(row.path("spotify_id").asText()).isEqualTo(t.spotifyId());
        assertThat(row.path("musicbrainz_id").asText()).isEqualTo(t.mbid());
        assertThat(row.path("discogs_release_id").asLong()).isEqualTo(ApiStubs.discogsReleaseId(t));
        assertThat(row.path("bpm")).isEqualTo(metadata.path("bpm"));
        assertThat(row.path("key").asText()).isEqualTo("A minor");
        assertThat(row.path("camelot_key").asText()).isEqualTo("8A");
        assertThat(row.path("open_key").asText()).isEqualTo("1m");
        assertThat(row.path("genres")).isEqualTo(metadata.path("genres")).isNotEmpty();
        assertThat(row.path("styles")).isEqualTo(metadata.path("styles"));
        assertThat(row.path("tags")).isEqualTo(metadata.path("lastfm_tags")).isNotEmpty();
        assertThat(row.path("label")).isEqualTo(metadata.path("label"));
        assertThat(row.path("year")).isEqualTo(metadata.path("year"));
        assertThat(row.path("status").asText()).isEqualTo("completed");
        assertThat(row.path("sources_used")).isEqualTo(metadata.path("enrichment_sources"));
        assertThat(row.path("sources_used").size()).isEqualTo(ApiStubs.SOURCES.size());
        assertThat(row.path("confidence").asDouble()).isEqualTo(weakest);

        List<CSVRecord> records = csv(new Http(port).get("/tracks/export?format=csv").body());
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("genres")).isEqualTo(String.join("; ", texts(metadata.path("genres"))));
        assertThat(records.get(0).get("bpm")).isEqualTo(metadata.path("bpm").asText());
        assertThat(records.get(0).get("confidence")).isEqualTo(String.valueOf(weakest));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    @Test
    void theCsvOpensInAStandardReaderAndImportsBackWithQuotesAndCommasIntact() throws Exception {
        List<String[]> names = List.of(
                new String[] {"Crosby, Stills, Nash & Young", "Suite: Judy Blue Eyes"},
                new String[] {"The \"Quoted\" Band", "He said \"hi\", then left"},
                new String[] {"Sigur Rós", "Hoppípolla; (Live) ="},
                new String[] {"=cmd|' /C calc'!A0", "'; DROP TABLE tracks;--"});
        Http http = new Http(port);
        StringBuilder body = new StringBuilder("[");
        for (String[] n : names) {
            body.append(body.length() > 1 ? "," : "").append(json.writeValueAsString(Map.of("artist_name", n[0], "title", n[1],
                    "duration_ms", 201000)));
        }
        assertThat(http.post("/tracks", body.append("]").toString()).status()).isEqualTo(201);
        // a merged value may hold what a name may not: line breaks, quotes, the separator of lists
        jdbc.update("UPDATE tracks SET metadata = ?::jsonb WHERE artist_name = ?",
                "{\"label\": \"Line one\\nline \\\"two\\\", three\", \"genres\": [\"Folk, World, & Country\", \"Pop\"]}", names.get(0)[0]);

        String exported = http.get("/tracks/export?format=csv").body();
        List<CSVRecord> records = csv(exported);

        assertThat(records).extracting(r -> r.get("artist_name")).containsExactlyInAnyOrderElementsOf(names.stream().map(n -> n[0]).toList());
        CSVRecord first = records.stream().filter(r -> r.get("artist_name").equals(names.get(0)[0])).findFirst().orElseThrow();
        assertThat(first.get("label")).isEqualTo("Line one\nline \"two\", three");
        assertThat(first.get("genres")).isEqualTo("Folk, World, & Country; Pop");
        assertThat(first.get("duration_ms")).isEqualTo("201000");

        jdbc.execute("TRUNCATE tracks CASCADE");
        CsvTrackImporter.Result imported = importer.importFrom(new StringReader(exported));

        assertThat(imported.errors()).isEmpty();
        assertThat(imported.ids()).hasSize(names.size());
        for (String[] n : names) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM tracks WHERE artist_name = ? AND title = ? AND duration_ms = 201000",
                    Integer.class, n[0], n[1])).as(n[0]).isOne();
        }
    }

    @Test
    void aNameThatCouldNotBeImportedComesOutIntactAndTheImportSaysWhichLine() throws Exception {
        // a line break in a title cannot come in through POST /tracks or the import; one stored before still exports
        UUID id = addTracks(List.of(TestTrack.numbered(5))).get(0);
        jdbc.update("UPDATE tracks SET title = ? WHERE id = ?", "Two\nlines", id);

        String exported = new Http(port).get("/tracks/export").body();

        assertThat(csv(exported).get(0).get("title")).isEqualTo("Two\nlines");
        CsvTrackImporter.Result imported = importer.importFrom(new StringReader(exported));
        assertThat(imported.errors()).singleElement().asString().contains("title: contains a control character");
    }

    @Test
    void filtersAndFormatAreChecked() throws Exception {
        List<UUID> ids = addTracks(List.of(TestTrack.numbered(11), TestTrack.numbered(12), TestTrack.numbered(13)));
        jdbc.update("UPDATE enrichment_status SET status = 'failed' WHERE track_id = ?", ids.get(1));
        Http http = new Http(port);

        List<JsonNode> failed = jsonl(http.get("/tracks/export?format=jsonl&status=failed").body());
        List<CSVRecord> byText = csv(http.get("/tracks/export?q=artist%2013").body());
        List<CSVRecord> all = csv(http.get("/tracks/export").body());

        assertThat(failed).extracting(r -> r.path("id").asText()).containsExactly(ids.get(1).toString());
        assertThat(byText).extracting(r -> r.get("id")).containsExactly(ids.get(2).toString());
        // oldest first, as added
        assertThat(all).extracting(r -> r.get("artist_name")).containsExactly("Artist 11", "Artist 12", "Artist 13");
        assertThat(http.get("/tracks/export").body()).startsWith(String.join(",", ExportColumns.NAMES) + "\r\n");
        assertThat(http.get("/tracks/export?format=xml").json().path("error").asText()).isEqualTo("format: \"xml\" is not a format (csv, jsonl)");
        assertThat(http.get("/tracks/export?format=xml").status()).isEqualTo(400);
        assertThat(http.get("/tracks/export?status=lost").json().path("error").asText()).startsWith("status: \"lost\" is not a status");
        assertThat(http.get("/tracks/export?limit=5").json().path("error").asText()).startsWith("limit: not a parameter of this operation");
        assertThat(csv(http.get("/tracks/export?status=in_progress").body())).isEmpty();
    }

    @Test
    void theAnswerIsStreamedChunkedWithItsTypeAndFileName() throws Exception {
        addTracks(List.of(TestTrack.numbered(21)));
        HttpResponse<String> csv = raw("/tracks/export");
        HttpResponse<String> jsonl = raw("/tracks/export?format=jsonl");

        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"tracks.csv\"");
        assertThat(csv.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(csv.headers().firstValue("Content-Length")).isEmpty();
        assertThat(jsonl.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        // none of the request's headers comes back
        assertThat(csv.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("authorization") || h.equalsIgnoreCase("format"));
    }

    private HttpResponse<String> raw(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(new Http(port).uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLargeExportArrivesWholeAndAClientThatLeavesGivesItsSlotBack() throws Exception {
        jdbc.update("""
                INSERT INTO tracks (id, artist_name, title, metadata, created_at)
                SELECT gen_random_uuid(), 'Bulk ' || i, 'Title ' || i, '{"bpm": 120.5, "genres": ["House", "Techno"]}'::jsonb,
                       now() + make_interval(secs => i)
                  FROM generate_series(1, 20000) i""");
        jdbc.update("INSERT INTO enrichment_status (track_id, status) SELECT id, 'completed' FROM tracks");

        assertThat(csv(new Http(port).get("/tracks/export").body())).hasSize(20000);

        // a client that reads a little and goes away: the server's next write fails and the export ends
        for (int i = 0; i < 3; i++) {
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.getOutputStream().write(("GET /tracks/export HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes());
                assertThat(socket.getInputStream().readNBytes(1000)).hasSize(1000);
            }
        }
        // every slot comes back (two at most run at once): both can be taken again
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try (ExportStream a = export.open(TrackFilter.ALL, ExportFormat.CSV); ExportStream b = export.open(TrackFilter.ALL, ExportFormat.CSV)) {
                assertThat(a.read()).isNotNegative();
                assertThat(b.read()).isNotNegative();
                break;
            } catch (CatalogueExport.Busy busy) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("an abandoned export kept its slot", busy);
                }
                Thread.sleep(200);
            }
        }
    }

    @Test
    void whenEverySlotIsTakenAnExportIs503AndNothingIsHeld() throws Exception {
        addTracks(List.of(TestTrack.numbered(31)));
        Http http = new Http(port);
        try (ExportStream a = export.open(TrackFilter.ALL, ExportFormat.CSV); ExportStream b = export.open(TrackFilter.ALL, ExportFormat.CSV)) {
            Http.Answer busy = http.get("/tracks/export");
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.json().path("error").asText()).contains("max-concurrent-exports");
        }
        assertThat(http.get("/tracks/export").status()).isEqualTo(200);
    }
}
