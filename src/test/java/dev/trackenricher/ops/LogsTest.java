package dev.trackenricher.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.credentials.ConfiguredCredentials;
import dev.trackenricher.credentials.Redactor;
import dev.trackenricher.enrich.SourceResultRecorder;
import dev.trackenricher.enrich.TrackSummaryLog;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The service's console log (JSON lines, as in production) during enrich runs: each track's
 * correlation id is on every line its branches log on Camel's parallel threads, never on another
 * track's lines; and none of the credentials configured for the tests appears anywhere, even when
 * an API echoes the request URL (with its api_key) in an error page.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogsTest extends IntegrationTest {

    static final String SECRET_MARK = "SHOULD-NOT-LEAK";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    LoggingSystem logging;
    @Autowired
    ConfiguredCredentials configured;

    @AfterEach
    void quietAgain() {
        logging.setLogLevel(SourceResultRecorder.class.getName(), null);
        logging.setLogLevel(TrackSummaryLog.class.getName(), null);
        logging.setLogLevel("some.library", null);
    }

    @Test
    void everyBranchLineCarriesItsTracksCorrelationIdAndNoSecretIsLogged(CapturedOutput output) throws Exception {
        // one line per branch: found / not_found at DEBUG, failures at WARN; the summary at INFO
        // (set explicitly: a CLI test run earlier in this JVM may have left its quieter levels behind)
        logging.setLogLevel(SourceResultRecorder.class.getName(), LogLevel.DEBUG);
        logging.setLogLevel(TrackSummaryLog.class.getName(), LogLevel.INFO);
        List<TestTrack> tracks = IntStream.rangeClosed(540, 543).mapToObj(TestTrack::numbered).toList();
        tracks.forEach(t -> {
            ApiStubs.know("spotify", t);
            ApiStubs.know("musicbrainz", t);
        });
        // Last.fm and GetSongBPM take their key in the query string; let both fail with a page echoing the URL
        ApiStubs.answerAll("lastfm", echoingError());
        ApiStubs.answerAll("getsongbpm", echoingError());
        List<UUID> ids = addTracks(tracks);

        runEnrich(null);

        List<JsonNode> lines = jsonLines(output);
        Map<String, JsonNode> summaries = lines.stream()
                .filter(l -> l.path("log").path("logger").asText().endsWith("TrackSummaryLog"))
                .collect(Collectors.toMap(l -> l.path("track_id").asText(), l -> l, (a, b) -> b));
        for (UUID id : ids) {
            JsonNode summary = summaries.get(id.toString());
            assertThat(summary).as("summary line of " + id).isNotNull();
            String correlationId = summary.path("correlation_id").asText();
            assertThat(correlationId).isNotBlank();
            assertThat(summary.path("status").asText()).isEqualTo("completed");
            assertThat(summary.path("sources_used").asText()).isEqualTo("musicbrainz,spotify");
            assertThat(summary.path("duration").isNumber()).isTrue();
            assertThat(summary.path("errors").asText()).contains("lastfm").contains("getsongbpm");

            // the branch lines of this track (their message names it): one per source, each on a branch thread
            List<JsonNode> branchLines = lines.stream()
                    .filter(l -> l.path("log").path("logger").asText().endsWith("SourceResultRecorder"))
                    .filter(l -> l.path("message").asText().contains(id.toString()))
                    .toList();
            assertThat(branchLines).extracting(l -> l.path("api").asText())
                    .containsExactlyInAnyOrderElementsOf(sources.sources().keySet());
            for (JsonNode line : branchLines) {
                assertThat(line.path("correlation_id").asText()).as(line.toString()).isEqualTo(correlationId);
                assertThat(line.path("track_id").asText()).isEqualTo(id.toString());
                assertThat(line.path("process").path("thread").path("name").asText()).contains("source-branch");
            }
            assertThat(branchLines).filteredOn(l -> l.path("log").path("level").asText().equals("WARN"))
                    .extracting(l -> l.path("api").asText()).containsExactlyInAnyOrder("lastfm", "getsongbpm");
        }
        // four tracks, four correlation ids
        assertThat(summaries.values().stream().map(s -> s.path("correlation_id").asText()).collect(Collectors.toSet())).hasSize(4);

        // the echoed key reached the log masked, and so did the error stored for the track and shown in /health
        assertThat(output.getAll()).contains("Bad gateway for key [redacted]");
        assertThat(output.getAll()).doesNotContain(SECRET_MARK);
        String status = new Http(port).get("/enrich/status/" + ids.get(0)).body();
        assertThat(status).contains("Bad gateway for key [redacted]").doesNotContain(SECRET_MARK);
        String health = new Http(port).get("/health").body();
        assertThat(health).contains("Bad gateway for key [redacted]").doesNotContain(SECRET_MARK);
    }

    @Test
    void aLineALibraryLogsWithACredentialIsMasked(CapturedOutput output) {
        logging.setLogLevel("some.library", LogLevel.WARN);
        String key = configured.sources().get("lastfm").apiKey();
        assertThat(key).contains(SECRET_MARK);

        LoggerFactory.getLogger("some.library").warn("GET https://ws.audioscrobbler.com/2.0/?method=track.getInfo&api_key={} failed", key);
        LoggerFactory.getLogger("some.library").atWarn().addKeyValue("secret", configured.sources().get("discogs").token()).log("token in a field");

        assertThat(output.getAll()).contains("failed").contains("token in a field").doesNotContain(SECRET_MARK);
        assertThat(jsonLines(output)).anyMatch(l -> Redactor.MASK.equals(l.path("secret").asText()));
    }

    /** An error page that echoes the request URL with its query, as some servers' do. */
    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder echoingError() {
        return aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad gateway for key {{request.query.api_key}} at {{request.url}}</body></html>")
                .withTransformers("response-template");
    }

    static List<JsonNode> jsonLines(CapturedOutput output) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.getAll().split("\\R")) {
            if (line.startsWith("{")) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("a log line that is not JSON: " + line, e);
                }
            }
        }
        assertThat(lines).as("JSON log lines").isNotEmpty();
        return lines;
    }
}
