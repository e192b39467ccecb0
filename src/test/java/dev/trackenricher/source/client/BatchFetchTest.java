package dev.trackenricher.source.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.trackenricher.credentials.CredentialStore;
import dev.trackenricher.json.JsonFields;
import dev.trackenricher.match.MatchSettings;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.SourceSettings;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.cache.ApiCache;
import dev.trackenricher.source.cache.CacheSettings;
import dev.trackenricher.source.http.StatusMapping;
import dev.trackenricher.source.limits.LimitSettings;
import dev.trackenricher.source.limits.RateLimits;
import dev.trackenricher.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A source that answers several tracks in one request (as MusicBrainz's {@code isrc:A OR isrc:B}
 * search and AcousticBrainz's bulk lookup do), through the real stack: one request for the batch
 * takes one rate-limit permit, is kept in the response cache as one answer, and when it fails,
 * fails each of its tracks (for this source only: results, never an exception).
 */
class BatchFetchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer api;
    private static DataSource dataSource;

    /** {@code GET /lookup?titles=a;b;c} → {@code {"tracks": [{"title": …, "bpm": …}]}}, at most 3 titles a request. */
    static final class Bulk extends HttpSourceClient {

        Bulk(HttpSources sources) {
            super("bulk", sources);
        }

        @Override
        public int maxBatch() {
            return 3;
        }

        @Override
        protected SourceResult lookup(SourceRequest request, Calls calls) {
            return lookupBatch(List.of(request), calls).get(request.trackId());
        }

        @Override
        protected Map<UUID, SourceResult> lookupBatch(List<SourceRequest> requests, Calls calls) {
            URI uri = uri("/lookup", Map.of("titles", requests.stream().map(SourceRequest::title).collect(Collectors.joining(";"))));
            JsonNode answer = calls.json(uri, Map.of(), StatusMapping.standard()).orElseThrow();
            Map<String, JsonNode> byTitle = new LinkedHashMap<>();
            JsonFields.array(answer, "tracks").forEach(t -> byTitle.put(t.path("title").asText(), t));
            Map<UUID, SourceResult> out = new LinkedHashMap<>();
            for (SourceRequest r : requests) {
                JsonNode t = byTitle.get(r.title());
                out.put(r.trackId(), t == null ? notFound("bulk knows no " + r.title())
                        : found(Map.of("bpm", bpm(t, "bpm").orElseThrow()), 1.0));
            }
            return out;
        }
    }

    @BeforeAll
    static void start() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        dataSource = TestDatabase.dataSource(TestDatabase.newDatabase("batch"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stop() {
        api.stop();
    }

    @BeforeEach
    void clean() {
        api.resetAll();
        new JdbcTemplate(dataSource).execute("TRUNCATE api_cache, source_send_spacing");
    }

    /** The bulk source with this rate limit (per second; 0 for none), its cache and its HTTP exchange. */
    private Bulk bulk(double ratePerSecond, ApiCache cache) {
        SourceSettings settings = new SourceSettings(true, URI.create(api.baseUrl() + "/bulk"), Duration.ofSeconds(2), Duration.ofSeconds(1),
                ratePerSecond, Duration.ofMillis(300), Duration.ofSeconds(120), null, Duration.ofDays(30), Duration.ofDays(7), 10, null, null);
        SourcesProperties properties = new SourcesProperties(Map.of("bulk", settings), "batch-test");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RateLimits limits = new RateLimits(properties, LimitSettings.margins(0, Map.of()), dataSource);
        return new Bulk(new HttpSources(properties, JSON, new TrackMatcher(MatchSettings.defaults()), CredentialStore.configurationOnly(Map.of()),
                limits, cache, new Binder(), source -> HttpSources.http(settings, source, HttpSources.DEFAULT_MAX_ANSWER_BYTES, meters)));
    }

    private ApiCache cache() {
        return new ApiCache(new JdbcTemplate(dataSource), JSON, new SimpleMeterRegistry(), new CacheSettings(true, false, List.of(), null, 0, null),
                Clock.systemUTC());
    }

    private static List<SourceRequest> requests(String... titles) {
        return java.util.Arrays.stream(titles)
                .map(t -> new SourceRequest(UUID.randomUUID(), "Artist", t, null, null, null, null, "batch-test")).toList();
    }

    private static Map<String, Outcome> outcomes(List<SourceRequest> requests, Map<UUID, SourceResult> results) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        requests.forEach(r -> out.put(r.title(), results.get(r.trackId()).outcome()));
        return out;
    }

    @Test
    void oneRequestForTheBatchTakesOnePermitAndIsCachedAsOneAnswer() {
        api.stubFor(get(urlPathEqualTo("/bulk/lookup")).willReturn(okJson("{\"tracks\":[{\"title\":\"a\",\"bpm\":\"124.04\"},{\"title\":\"c\",\"bpm\":98}]}")));
        ApiCache cache = cache();
        // one request a second and 300 ms at most for a permit: three requests could not all leave
        Bulk bulk = bulk(1, cache);
        List<SourceRequest> batch = requests("a", "b", "c");

        Map<UUID, SourceResult> results = bulk.fetchBatch(batch);

        assertThat(outcomes(batch, results)).containsExactly(Map.entry("a", Outcome.FOUND), Map.entry("b", Outcome.NOT_FOUND),
                Map.entry("c", Outcome.FOUND));
        assertThat(results.get(batch.get(0).trackId()).fields()).containsEntry("bpm", 124.0);
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/bulk/lookup")))).as("one request for three tracks").hasSize(1);
        cache.flush();
        assertThat(new JdbcTemplate(dataSource).queryForList("SELECT cache_key FROM api_cache WHERE source = 'bulk'", String.class))
                .as("one answer kept").containsExactly("/lookup?titles=a%3Bb%3Bc");

        // the same batch again: from the cache, no request and no permit
        Map<UUID, SourceResult> again = bulk.fetchBatch(requests("a", "b", "c"));
        assertThat(again.values()).extracting(SourceResult::outcome).containsExactly(Outcome.FOUND, Outcome.NOT_FOUND, Outcome.FOUND);
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/bulk/lookup")))).hasSize(1);

        // another batch at once: its one request finds no permit within 300 ms, and each of its tracks says so
        List<SourceRequest> other = requests("d", "e");
        Map<UUID, SourceResult> limited = bulk.fetchBatch(other);
        assertThat(limited.values()).extracting(SourceResult::outcome).containsExactly(Outcome.RATE_LIMITED, Outcome.RATE_LIMITED);
        assertThat(limited.get(other.get(0).trackId()).error()).contains("no rate-limit permit for bulk");
    }

    @Test
    void aFailedBatchRequestFailsEachOfItsTracksAndKeepsNothing() {
        api.stubFor(get(urlPathEqualTo("/bulk/lookup")).willReturn(aResponse().withStatus(500).withBody("down for maintenance")));
        ApiCache cache = cache();
        Bulk bulk = bulk(0, cache);
        List<SourceRequest> tracks = requests("a", "b", "c", "d");

        Map<UUID, SourceResult> results = bulk.fetchBatch(tracks);

        assertThat(results).hasSize(4);
        assertThat(results.values()).allSatisfy(r -> {
            assertThat(r.source()).isEqualTo("bulk");
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.error()).isEqualTo("HTTP 500 from bulk: down for maintenance");
        });
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/bulk/lookup")))).as("batches of at most 3: two requests").hasSize(2);
        cache.flush();
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM api_cache", Integer.class)).as("a failure is never cached")
                .isZero();
    }
}
