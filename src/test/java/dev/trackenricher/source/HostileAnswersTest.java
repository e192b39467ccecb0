package dev.trackenricher.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.trackenricher.enrich.Branch;
import dev.trackenricher.enrich.BranchFallback;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.source.acousticbrainz.AcousticBrainzClient;
import dev.trackenricher.source.cache.ApiCache;
import dev.trackenricher.source.cache.CacheSettings;
import dev.trackenricher.source.client.HttpSources;
import dev.trackenricher.source.http.HttpAnswer;
import dev.trackenricher.source.http.Transport;
import dev.trackenricher.source.limits.LimitSettings;
import dev.trackenricher.source.limits.RateLimits;
import dev.trackenricher.source.discogs.DiscogsClient;
import dev.trackenricher.source.getsongbpm.GetSongBpmClient;
import dev.trackenricher.source.lastfm.LastFmClient;
import dev.trackenricher.source.musicbrainz.MusicBrainzClient;
import dev.trackenricher.source.spotify.SpotifyClient;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Fixtures;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestClients;
import dev.trackenricher.support.TestSources;
import dev.trackenricher.support.TestTrack;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hostile API answers, seeded and bounded in time: thousands of bodies mutated from the recorded
 * fixtures (truncated, keys deleted, types swapped, numbers as strings, huge strings, nulls, deep
 * nesting, random bytes) with hostile headers (Retry-After garbage, wrong content types) are fed to
 * every source's mapping. Nothing but the documented exceptions leaves a client's fetch, the
 * branch's fallback classifies every one of them, and through the real fan-out no track is lost
 * and no thread is left behind.
 */
class HostileAnswersTest extends IntegrationTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20260707L);
    private static final Duration BUDGET = Duration.ofMillis(Long.getLong("fuzz.millis", 4000L));
    private static final Duration PER_CASE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ObjectMapper json;
    @Autowired
    TrackMatcher matcher;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DataSource dataSource;
    @Autowired
    LimitSettings margins;
    @Autowired
    org.springframework.core.env.ConfigurableEnvironment environment;
    @Autowired
    Clock clock;
    @Autowired
    BranchFallback fallback;
    @Autowired
    CamelContext camel;

    @Test
    void everySourcesMappingSurvivesThousandsOfMutatedAnswers() throws Exception {
        Hostile hostile = new Hostile();
        // every request of every client answered by the fuzzer instead of the network; the cache switched off
        ApiCache noCache = new ApiCache(jdbc, json, meters, new CacheSettings(false, false, List.of(), null, 0, null), clock);
        HttpSources factory = new TestClients(environment, json, matcher, meters).sources(sources, TestSources.binder(environment, Map.of()),
                new RateLimits(sources, margins, dataSource), noCache, source -> new FuzzTransport(source, hostile));
        Map<String, SourceClient> clients = new TreeMap<>();
        clients.put("spotify", new SpotifyClient(factory, clock));
        clients.put("musicbrainz", new MusicBrainzClient(factory));
        clients.put("discogs", new DiscogsClient(factory));
        clients.put("lastfm", new LastFmClient(factory));
        clients.put("acousticbrainz", new AcousticBrainzClient(factory));
        clients.put("getsongbpm", new GetSongBpmClient(factory));
        Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
        List<String> escaped = new ArrayList<>();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        int threadsBefore = Thread.activeCount();
        // thousands of "source stopped" and WARN lines would bury the test output
        ch.qos.logback.classic.Logger app = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.trackenricher");
        ch.qos.logback.classic.Level level = app.getLevel();
        app.setLevel(ch.qos.logback.classic.Level.OFF);
        long started = System.nanoTime();
        long deadline = started + BUDGET.toNanos();
        int cases = 0;
        long slowest = 0;
        String slowestCase = "";
        try {
            while (System.nanoTime() < deadline || cases < 2000) {
                if (cases >= 200_000) {
                    break;
                }
                long seed = SEED + cases;
                String source = ApiStubs.SOURCES.get(cases % ApiStubs.SOURCES.size());
                hostile.reseed(seed);
                SourceRequest request = hostile.request(source);
                SourceClient client = clients.get(source);
                Future<String> outcome = runner.submit(() -> {
                    try {
                        SourceResult r = client.fetch(request);
                        assertThat(r).isNotNull();
                        assertThat(r.outcome().answered()).isTrue();
                        json.writeValueAsString(r.fields());
                        return r.outcome().wireName();
                    } catch (SourceFailureException | SourceRateLimitedException documented) {
                        SourceResult classified = classify(source, documented);
                        return documented.getClass().getSimpleName() + " -> " + classified.outcome().wireName();
                    }
                });
                long caseStart = System.nanoTime();
                try {
                    String o = outcome.get(PER_CASE.toMillis(), TimeUnit.MILLISECONDS);
                    if (System.nanoTime() - caseStart > slowest) {
                        slowest = System.nanoTime() - caseStart;
                        slowestCase = "seed " + seed + " " + source + " " + hostile.lastDescription();
                    }
                    outcomes.computeIfAbsent(source, s -> new TreeMap<>()).merge(o, 1, Integer::sum);
                } catch (java.util.concurrent.ExecutionException e) {
                    escaped.add("seed " + seed + " " + source + " " + hostile.lastDescription() + ": " + e.getCause());
                } catch (TimeoutException e) {
                    escaped.add("seed " + seed + " " + source + " " + hostile.lastDescription() + ": no answer within " + PER_CASE);
                    outcome.cancel(true);
                    runner.shutdownNow();
                    runner = Executors.newSingleThreadExecutor();
                }
                cases++;
                if (escaped.size() > 20) {
                    break;
                }
            }
        } finally {
            runner.shutdownNow();
            app.setLevel(level);
        }
        System.out.printf("hostile answers: %d cases in %d ms (seed %d), slowest %d ms (%s): %s%n", cases,
                (System.nanoTime() - started) / 1_000_000, SEED, slowest / 1_000_000,
                slowestCase.length() > 200 ? slowestCase.substring(0, 200) : slowestCase, outcomes);
        assertThat(escaped).as("only documented exceptions leave a fetch, each within %s", PER_CASE).isEmpty();
        assertThat(cases).isGreaterThanOrEqualTo(2000);
        outcomes.values().forEach(o -> assertThat(o).as("mutations reach the mapping: some answers still found").isNotEmpty());
        assertThat(Thread.activeCount()).as("no thread left behind").isLessThanOrEqualTo(threadsBefore + 2);
    }

    @Test
    void throughTheRealFanOutNoTrackIsLostAndNoThreadLeaks() throws Exception {
        Hostile hostile = new Hostile();
        int threadsAfterWarmUp = -1;
        Map<String, Long> kindsAfterWarmUp = Map.of();
        int tracksPerRound = 6;
        int rounds = 12;
        List<UUID> all = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            hostile.reseed(SEED * 31 + round);
            for (String source : ApiStubs.SOURCES) {
                FuzzAnswer a = hostile.answer(source, "/", hostile.baseFor(source));
                com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response = WireMock.aResponse().withStatus(a.status)
                        .withBody(a.body.getBytes(StandardCharsets.ISO_8859_1));
                a.headers.forEach((k, v) -> response.withHeader(k, v.toArray(new String[0])));
                ApiStubs.answerAll(source, response);
            }
            List<TestTrack> tracks = new ArrayList<>();
            for (int i = 0; i < tracksPerRound; i++) {
                tracks.add(TestTrack.numbered(40_000 + round * 100 + i));
            }
            List<UUID> ids = addTracks(tracks);
            all.addAll(ids);
            JobExecution run = syncLauncher.run(enrichJob, new org.springframework.batch.core.JobParametersBuilder()
                    .addString("launchId", UUID.randomUUID().toString()).toJobParameters());
            assertThat(run.getStatus()).as("round " + round).isEqualTo(BatchStatus.COMPLETED);
            for (UUID id : ids) {
                assertThat((String) status(id).get("status")).as("round " + round + ": every track terminal")
                        .isIn("completed", "partial", "failed", "pending");
                assertThat(outcomes(id)).as("round " + round + ": every source recorded").hasSize(6);
            }
            resetSources();
            if (round == 1) {
                threadsAfterWarmUp = Thread.activeCount();
                kindsAfterWarmUp = threadKinds();
            }
        }
        int threadsAtEnd = Thread.activeCount();
        System.out.printf("hostile answers through the fan-out: %d tracks in %d rounds, threads %d after warm-up, %d at the end%n",
                all.size(), rounds, threadsAfterWarmUp, threadsAtEnd);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tracks", Integer.class)).isEqualTo(all.size());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrichment_status WHERE status = 'in_progress'", Integer.class))
                .as("no claim left behind").isZero();
        // the JVM is shared with other test contexts, whose threads come and go: what would show a leak here is one kind of
        // thread (a name without its numbers) growing round after round, 10 rounds after warm-up
        Map<String, Long> kindsAtEnd = threadKinds();
        Map<String, Long> grown = new TreeMap<>();
        for (Map.Entry<String, Long> kind : kindsAtEnd.entrySet()) {
            long more = kind.getValue() - kindsAfterWarmUp.getOrDefault(kind.getKey(), 0L);
            if (more > 0) {
                grown.put(kind.getKey(), more);
            }
        }
        assertThat(grown.values()).as("no kind of thread grew by a round's worth across %d rounds: %s", rounds, grown)
                .allSatisfy(more -> assertThat(more).isLessThan(rounds - 2));
    }

    /** Live threads by name with its digits taken out ("Camel (camel-1) thread #12 - x" and "#13" are one kind). */
    private static Map<String, Long> threadKinds() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .collect(java.util.stream.Collectors.groupingBy(t -> t.getName().replaceAll("[0-9]+", "#"),
                        java.util.stream.Collectors.counting()));
    }

    /** The branch's fallback, as the route calls it with the caught exception. */
    private SourceResult classify(String source, Throwable caught) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Branch.SOURCE, source);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, caught);
        SourceResult r = fallback.classify(exchange);
        assertThat(r.outcome().answered()).isFalse();
        resetSources();
        return r;
    }

    // --- the answers ---

    record FuzzAnswer(int status, Map<String, List<String>> headers, String body, String description) {
    }

    /** Mutated answers, all from one seeded Random. */
    static final class Hostile {

        Random random = new Random(SEED);
        private String last = "";

        void reseed(long seed) {
            random = new Random(seed);
        }

        String lastDescription() {
            return last;
        }

        SourceRequest request(String source) {
            String[][] known = switch (source) {
                case "spotify" -> new String[][] {{"Pharrell Williams", "Happy", null, "6NPVjNh8Jhru9xOmyQigds"},
                        {"Pharrell Williams", "Happy", "USQ4E1300686", null}, {"Pharrell Williams", "Happy", null, null}};
                case "musicbrainz" -> new String[][] {{"The Chemical Brothers", "Hey Boy Hey Girl", "GBAAA9900303", null},
                        {"L.O.V.E.", "L.O.V.E.", null, null}};
                case "discogs" -> new String[][] {{"The Persuader", "Östermalm", null, null}, {"Trash80", "Icarus", null, null},
                        {"Artist 7", "Song 7", null, null}};
                case "lastfm" -> new String[][] {{"Cher", "Believe", null, null}, {"Radiohead", "Paranoid Android", null, null}};
                case "getsongbpm" -> new String[][] {{"Artist 7", "Song 7", null, null}};
                default -> new String[][] {{"ZZ Top", "La Grange", null, null}};
            };
            String[] k = known[random.nextInt(known.length)];
            return new SourceRequest(UUID.randomUUID(), k[0], k[1], k[2], k[3], random.nextBoolean() ? null : 200_000 + random.nextInt(100_000),
                    "cd3f5efa-bc5e-4064-a765-960494ad4bb4", "fuzz");
        }

        /** The recorded body (or one shaped like the API's documented answer) for a request of this source. */
        String baseFor(String source, URI uri) {
            String path = uri.getPath();
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            return switch (source) {
                case "spotify" -> path.endsWith("/token") ? "{\"access_token\":\"fuzz-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
                        : path.contains("/tracks/") ? pick("spotify/track-6NPVjNh8Jhru9xOmyQigds-happy.json",
                        "spotify/track-6sjZfVJworBX6TqyjkxIJ1-multiartist-EDITED.json")
                        : pick("spotify/search-track-happy-pharrell.json", "spotify/search-track-japanese-EDITED.json",
                        "spotify/search-track-no-results.json");
                case "musicbrainz" -> path.contains("/isrc/") ? Fixtures.text("musicbrainz/ws2-isrc-GBAAA9900303-lookup.expected.json")
                        : Fixtures.text("musicbrainz/ws2-recording-search-love-2015.json");
                case "discogs" -> path.contains("/releases/") ? (random.nextBoolean() ? ApiStubs.discogsRelease(TestTrack.numbered(7))
                        : pick("discogs/release-1.json", "discogs/release-8138518.json"))
                        : random.nextInt(3) == 0 ? Fixtures.text("discogs/database-search-q-trash80.json")
                        : ApiStubs.discogsSearch(TestTrack.numbered(7));
                case "lastfm" -> query.contains("getTopTags") ? Fixtures.text("lastfm/track-getTopTags-radiohead-paranoid-android.json")
                        : pick("lastfm/track-getInfo-cher-believe.json", "lastfm/track-getInfo-cher-believe.json", "lastfm/error-6-not-found.json");
                case "acousticbrainz" -> Fixtures.text("acousticbrainz/lowlevel-plus-highlevel-merged-cd3f5efa.json");
                default -> """
                        {"search":[{"id":"gsb7","title":"Song 7","uri":"x","tempo":"124","time_sig":"4/4","key_of":"Am","open_key":"1m",
                        "danceability":70,"acousticness":5,"artist":{"id":"x","name":"Artist 7","uri":"x","genres":["house"],"from":"GB",
                        "mbid":""},"album":{"title":"x","uri":"x","year":"2014"}}]}""";
            };
        }

        String baseFor(String source) {
            return baseFor(source, URI.create("http://x/"));
        }

        private String pick(String... fixtures) {
            return Fixtures.text(fixtures[random.nextInt(fixtures.length)]);
        }

        FuzzAnswer answer(String source, String what, String base) {
            List<String> done = new ArrayList<>();
            String body = base;
            int mutations = random.nextInt(10) < 2 ? 0 : 1 + random.nextInt(3);
            for (int i = 0; i < mutations; i++) {
                body = mutate(body, done);
            }
            int status = random.nextInt(10) < 7 ? 200 : new int[] {201, 204, 301, 400, 401, 403, 404, 418, 429, 500, 502, 503, 599}[random.nextInt(13)];
            Map<String, List<String>> headers = new LinkedHashMap<>();
            String type = new String[] {"application/json", "application/json; charset=utf-8", "text/html", "text/plain", "application/xml",
                    "", "=;;;", null, "application/json; charset=ISO-8859-1"}[random.nextInt(9)];
            if (type != null) {
                headers.put("Content-Type", List.of(type));
            }
            if (random.nextInt(4) == 0) {
                headers.put("Retry-After", List.of(new String[] {"120", "-5", "abc", "99999999999999999999999", "9223372036854775807",
                        "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "", "1.5", "0", "1e9", " 7 "}[random.nextInt(12)]));
            }
            if (random.nextInt(4) == 0) {
                headers.put("X-Discogs-Ratelimit-Remaining", List.of(new String[] {"0", "-1", "abc", "", "99999999999999999999", "5"}[random.nextInt(6)]));
            }
            last = what + " status " + status + " headers " + headers + " mutations " + done;
            return new FuzzAnswer(status, headers, body, last);
        }

        private String mutate(String body, List<String> done) {
            int kind = random.nextInt(14);
            switch (kind) {
                case 0 -> {
                    done.add("truncate");
                    return body.substring(0, random.nextInt(Math.max(1, body.length())));
                }
                case 1 -> {
                    done.add("random bytes");
                    byte[] bytes = new byte[1 + random.nextInt(2000)];
                    random.nextBytes(bytes);
                    return new String(bytes, StandardCharsets.ISO_8859_1);
                }
                case 2 -> {
                    done.add("deep nesting");
                    int depth = random.nextBoolean() ? 900 : 5000;
                    return "[".repeat(depth) + body + "]".repeat(depth);
                }
                case 3 -> {
                    done.add("not json");
                    return new String[] {"", " ", "null", "[]", "{}", "0", "\"text\"", "<html><body>502 Bad Gateway</body></html>",
                            "<?xml version=\"1.0\"?><error/>", "\u0000\u0000", "{\"error\":"}[random.nextInt(11)];
                }
                default -> {
                    JsonNode tree;
                    try {
                        tree = JSON.readTree(body);
                    } catch (Exception notJson) {
                        done.add("byte flip");
                        char[] chars = body.toCharArray();
                        if (chars.length > 0) {
                            chars[random.nextInt(chars.length)] = (char) random.nextInt(0x3000);
                        }
                        return new String(chars);
                    }
                    if (tree == null || !tree.isContainerNode()) {
                        done.add("kept");
                        return body;
                    }
                    List<JsonNode[]> slots = new ArrayList<>();
                    collect(tree, slots);
                    if (slots.isEmpty()) {
                        return body;
                    }
                    JsonNode[] slot = slots.get(random.nextInt(slots.size()));
                    mutateSlot(slot, done);
                    return tree.toString();
                }
            }
        }

        /** Every (container, child) pair in the tree; the child's key is found again by identity. */
        private static void collect(JsonNode node, List<JsonNode[]> out) {
            if (node.isObject() || node.isArray()) {
                for (JsonNode child : node) {
                    out.add(new JsonNode[] {node, child});
                    collect(child, out);
                }
            }
        }

        private void mutateSlot(JsonNode[] slot, List<String> done) {
            JsonNode parent = slot[0];
            JsonNode child = slot[1];
            JsonNode replacement;
            int op = random.nextInt(8);
            if (op == 0) {
                done.add("delete");
                replacement = null;
            } else if (op == 1 && child.isValueNode()) {
                done.add("swap type");
                replacement = child.isNumber() ? JsonNodeFactory.instance.textNode(child.asText())
                        : child.isTextual() ? JsonNodeFactory.instance.arrayNode().add(child.asText()) : JsonNodeFactory.instance.objectNode();
            } else if (op == 2 && child.isContainerNode()) {
                done.add(child.isArray() ? "array to object" : "object to array");
                replacement = child.isArray() ? (child.isEmpty() ? JsonNodeFactory.instance.objectNode() : child.get(0))
                        : JsonNodeFactory.instance.arrayNode().add(child);
            } else if (op == 3 && child.isArray()) {
                done.add("repeat elements");
                ArrayNode many = JsonNodeFactory.instance.arrayNode();
                for (int i = 0; i < 200; i++) {
                    child.forEach(many::add);
                }
                replacement = many;
            } else {
                done.add("hostile value");
                replacement = hostileValue();
            }
            if (parent instanceof ObjectNode o) {
                String key = null;
                for (var it = o.fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (e.getValue() == child) {
                        key = e.getKey();
                        break;
                    }
                }
                if (key != null) {
                    if (replacement == null) {
                        o.remove(key);
                    } else {
                        o.set(key, replacement);
                    }
                }
            } else if (parent instanceof ArrayNode a) {
                for (int i = 0; i < a.size(); i++) {
                    if (a.get(i) == child) {
                        if (replacement == null) {
                            a.remove(i);
                        } else {
                            a.set(i, replacement);
                        }
                        break;
                    }
                }
            }
        }

        private JsonNode hostileValue() {
            JsonNodeFactory f = JsonNodeFactory.instance;
            return switch (random.nextInt(22)) {
                case 0 -> f.nullNode();
                case 1 -> f.textNode("");
                case 2 -> f.textNode("a".repeat(200_000));
                case 3 -> f.textNode(" ".repeat(50_000) + "-" + " ".repeat(50_000));
                case 4 -> f.textNode("NaN");
                case 5 -> f.textNode("-1");
                case 6 -> f.textNode("1e309");
                case 7 -> f.numberNode(1e308);
                case 8 -> f.numberNode(Long.MIN_VALUE);
                case 9 -> f.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
                case 10 -> f.numberNode(-0.0);
                case 11 -> f.booleanNode(true);
                case 12 -> f.arrayNode();
                case 13 -> f.objectNode();
                case 14 -> {
                    JsonNode deep = f.arrayNode();
                    for (int i = 0; i < 300; i++) {
                        deep = f.arrayNode().add(deep);
                    }
                    yield deep;
                }
                case 15 -> f.textNode("\u0000\ud800\u202e<script>alert(1)</script>");
                case 16 -> f.textNode("%s%n%x ${jndi:ldap://x/a} {{7*7}}");
                case 17 -> f.textNode("🎵".repeat(10_000));
                case 18 -> f.numberNode(Integer.MAX_VALUE);
                case 19 -> f.textNode("99:99:99");
                case 20 -> f.textNode("(((((((((((((((((((((((((((((((((((((((((((");
                default -> f.textNode("Infinity");
            };
        }
    }

    /** A transport whose every request is answered by {@link Hostile} instead of the network. */
    record FuzzTransport(String source, Hostile hostile) implements Transport {

        @Override
        public HttpAnswer send(HttpRequest request) {
            String base = hostile.baseFor(source, request.uri());
            if (request.uri().getPath().endsWith("/token") && hostile.random.nextInt(5) > 0) {
                // mostly a good Spotify token, so the searches behind it are fuzzed too
                return new HttpAnswer(source, request.uri(), 200, HttpHeaders.of(Map.of("Content-Type", List.of("application/json")),
                        (k, v) -> true), base);
            }
            FuzzAnswer a = hostile.answer(source, request.method() + " " + request.uri(), base);
            return new HttpAnswer(source, request.uri(), a.status(), HttpHeaders.of(a.headers(), (k, v) -> true), a.body());
        }
    }
}
