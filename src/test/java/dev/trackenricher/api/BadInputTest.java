package dev.trackenricher.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.CliRun;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.JsonBody;
import dev.trackenricher.track.ImportCsvCommand;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hostile input over REST and CSV: malformed, too long, wrongly typed, control characters, SQL and
 * script in names. Rejected with a message naming what is wrong (and nothing stored), or stored
 * verbatim and returned as JSON; never executed, never truncated. Every error answer is JSON.
 */
class BadInputTest extends IntegrationTest {

    @Autowired
    ImportCsvCommand csv;
    @TempDir
    Path dir;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", "application/xml",
            "text/html; charset=utf-8"})
    void aBodyThatIsNotDeclaredAsJsonIsRefusedNamingTheHeader(String type) {
        Http.Answer answer = http.send(HttpRequest.newBuilder(http.uri("/tracks")).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString("[{\"artist_name\": \"A\", \"title\": \"T\"}]")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).startsWith("Content-Type: must be application/json, got \"" + type + "\"");
        assertThat(tracks()).isZero();
    }

    @Test
    void jsonWithACharsetOrWithoutADeclaredTypeIsAccepted() {
        Http.Answer charset = http.send(HttpRequest.newBuilder(http.uri("/tracks")).header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("[{\"artist_name\": \"Björk\", \"title\": \"Jóga\"}]")));
        Http.Answer undeclared = http.send(HttpRequest.newBuilder(http.uri("/tracks"))
                .POST(HttpRequest.BodyPublishers.ofString("[{\"artist_name\": \"Sigur Rós\", \"title\": \"Glósóli\"}]")));

        assertThat(charset.status()).isEqualTo(201);
        assertThat(charset.json().get(0).path("artist_name").asText()).isEqualTo("Björk");
        assertThat(undeclared.status()).isEqualTo(201);
    }

    @Test
    void aBodyAboveTheSizeLimitIsRefusedWith413WhetherItsLengthIsDeclaredOrNot() {
        byte[] big = ("[{\"artist_name\": \"A\", \"title\": \"" + "x".repeat(11 * 1024 * 1024) + "\"}]").getBytes(StandardCharsets.UTF_8);

        Http.Answer declared = http.send(HttpRequest.newBuilder(http.uri("/tracks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        Http.Answer chunked = http.send(HttpRequest.newBuilder(http.uri("/tracks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().path("error").asText()).isEqualTo("body: " + big.length
                + " bytes; at most 10485760 are accepted (enricher.api.max-request-size)");
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.json().path("error").asText()).startsWith("body: more than 10485760 bytes");
        assertThat(tracks()).isZero();
    }

    @Test
    void malformedDeepDuplicatedOrWronglyTypedJsonIsRefusedNamingTheProblem() {
        assertRefused("[".repeat(5000) + "]".repeat(5000), "body: not valid JSON");
        assertRefused("[{\"artist_name\": \"A\", \"title\": \"T\", \"title\": \"U\"}]", "body: not valid JSON (Duplicate field 'title')");
        assertRefused("[{\"artist_name\": \"A\", \"title\": \"T\"}] trailing", "body: not valid JSON");
        assertRefused("[{\"artist_name\": [\"A\"], \"title\": {\"t\": 1}}]", "tracks[0].artist_name: must be a string, got array");
        assertRefused("[{\"artist_name\": \"A\", \"title\": \"T\", \"duration_ms\": 1e30}]", "tracks[0].duration_ms: must be a whole number");
        assertRefused("[{\"artist_name\": \"A\", \"title\": \"T\", \"duration_ms\": 99999999999999999999999}]",
                "tracks[0].duration_ms: must be a whole number");
        assertRefused("[{\"artist_name\": \"A\", \"title\": \"T\", \"duration_ms\": 3.5}]", "tracks[0].duration_ms: must be a whole number");
        assertRefused("[{\"artist_name\": true, \"title\": null}]", "tracks[0].artist_name: must be a string, got boolean");
        assertRefused("null", "body: must be a JSON array");
        assertRefused("", "body: must be a JSON array");
        assertRefused("\"[]\"", "body: must be a JSON array");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u001b[31m", "\\r\\n", "\\t", "\\u007f", "\\u0085", "\\ud800", "\\udfff", "\\uffff"})
    void controlCharactersAndBrokenUnicodeInANameAreRefused(String escaped) {
        assertRefused("[{\"artist_name\": \"A" + escaped + "B\", \"title\": \"T\"}]", "tracks[0].artist_name: contains a control character");
    }

    @Test
    void sqlAndScriptInNamesAreStoredVerbatimAndReturnedAsJson() {
        List<String> names = List.of("Robert'); DROP TABLE tracks;--", "x' OR '1'='1", "$$; SELECT pg_sleep(10); $$", "100% _done_ \\",
                "</script><script>alert(document.cookie)</script>", "<img src=x onerror=alert(1)>", "{{7*7}} ${7*7} #{7*7}",
                "\u202eevil\u202c", "Ünïcödé – “quotes” — 日本語 🎵");
        for (String name : names) {
            String body = "[{\"artist_name\": " + JsonBody.of(name) + ", \"title\": " + JsonBody.of(name) + "}]";
            Http.Answer created = http.post("/tracks", body);
            assertThat(created.status()).as(name).isEqualTo(201);
            String id = created.json().get(0).path("id").asText();
            HttpRequest.Builder get = HttpRequest.newBuilder(http.uri("/tracks/" + id)).GET();
            Http.Answer fetched = http.send(get);
            JsonNode track = fetched.json();
            assertThat(track.path("artist_name").asText()).as("verbatim").isEqualTo(name);
            assertThat(track.path("title").asText()).isEqualTo(name);
            assertThat(jdbc.queryForObject("SELECT artist_name FROM tracks WHERE id = ?::uuid", String.class, id)).isEqualTo(name);
        }
        assertThat(tracks()).as("nothing executed: every table is still there and holds what was sent").isEqualTo(names.size());
    }

    @Test
    void everyErrorAnswerIsJsonWhateverTheClientAccepts() {
        assertJsonError(http.get("/no/such/path"), 404, "no such endpoint: GET /no/such/path");
        assertJsonError(http.put("/health", "{}"), 405, "method not allowed: PUT /health");
        assertJsonError(http.send(HttpRequest.newBuilder(http.uri("/health")).header("Accept", "text/html").GET()), 406, "not acceptable");
        assertJsonError(http.send(HttpRequest.newBuilder(http.uri("/tracks/%2e%2e%2f..")).header("Accept", "text/html").GET()), 400, "");
        assertJsonError(http.send(HttpRequest.newBuilder(http.uri("/enrich/trigger?limit=ten")).POST(HttpRequest.BodyPublishers.noBody())),
                400, "limit: \"ten\" is not a whole number");
        assertJsonError(http.post("/enrich/trigger", "{\"track_ids\": [\"'; DROP TABLE tracks;--\"]}"), 400, "track_ids:");
        assertJsonError(http.get("/enrich/status/' OR 1=1 --".replace(" ", "%20").replace("'", "%27")), 400, "is not a UUID");
    }

    @Test
    void aCsvLineOfTenMegabytesIsRefusedNamingLineAndFieldAndImportsNothing() throws Exception {
        Path file = dir.resolve("huge.csv");
        Files.writeString(file, "artist_name,title\nA,Fine\nB," + "y".repeat(10 * 1024 * 1024) + "\n");

        CliRun outcome = importCsv(file);

        assertThat(outcome.code()).isEqualTo(1);
        assertThat(outcome.err()).contains("line 3, title: is 10485760 characters long; at most 1000 are allowed")
                .contains("nothing was imported");
        assertThat(outcome.err().length()).as("the error does not repeat the line").isLessThan(1000);
        assertThat(tracks()).isZero();
    }

    @Test
    void csvRowsWithControlCharactersBadTypesOrBrokenQuotingAreRefusedAndInjectionIsStoredVerbatim() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "artist_name,title,duration_ms\nA\u0000,T,\nB,\u001b[2J,\nC,T,-1\nD,T,3:30\nE,T,1e3\n");
        CliRun refused = importCsv(bad);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("line 2, artist_name: contains a control character").contains("line 3, title: contains a control character")
                .contains("line 4, duration_ms: -1 is out of range").contains("line 5, duration_ms: \"3:30\" is not a whole number")
                .contains("line 6, duration_ms: \"1e3\" is not a whole number");

        Path unclosed = dir.resolve("unclosed.csv");
        Files.writeString(unclosed, "artist_name,title\n\"A,T\nB,U\n");
        CliRun broken = importCsv(unclosed);
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err()).contains("not readable as CSV");

        Path notUtf8 = dir.resolve("latin1.csv");
        Files.write(notUtf8, "artist_name,title\nBj\u00f6rk,J\u00f3ga\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun latin1 = importCsv(notUtf8);
        assertThat(latin1.code()).isEqualTo(1);
        assertThat(latin1.err()).contains("not UTF-8 text");
        assertThat(tracks()).isZero();

        Path injection = dir.resolve("injection.csv");
        Files.writeString(injection, "artist_name,title\n\"Robert'); DROP TABLE tracks;--\",\"<script>alert(1)</script>\"\n"
                + "\"=HYPERLINK(\"\"http://x\"\")\",\"a,b \"\"quoted\"\"\"\n");
        CliRun stored = importCsv(injection);
        assertThat(stored.code()).as(stored.err()).isZero();
        assertThat(jdbc.queryForList("SELECT artist_name || ' | ' || title FROM tracks ORDER BY artist_name", String.class))
                .containsExactly("=HYPERLINK(\"http://x\") | a,b \"quoted\"", "Robert'); DROP TABLE tracks;-- | <script>alert(1)</script>");
    }

    private void assertRefused(String body, String message) {
        Http.Answer answer = http.post("/tracks", body);
        assertThat(answer.status()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains(message);
        assertThat(tracks()).isZero();
    }

    private static void assertJsonError(Http.Answer answer, int status, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().path("error").asText()).as(answer.body()).contains(message);
    }

    private CliRun importCsv(Path file) {
        return CliRun.capture((out, err) -> csv.run(List.of(file.toString()), out, err));
    }

    private int tracks() {
        return jdbc.queryForObject("SELECT count(*) FROM tracks", Integer.class);
    }
}
