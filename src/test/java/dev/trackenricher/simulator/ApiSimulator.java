package dev.trackenricher.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trackenricher.support.wire.AcousticBrainzWire;
import dev.trackenricher.support.wire.DiscogsWire;
import dev.trackenricher.support.wire.GetSongBpmWire;
import dev.trackenricher.support.wire.LastFmWire;
import dev.trackenricher.support.wire.MusicBrainzWire;
import dev.trackenricher.support.wire.SpotifyWire;
import dev.trackenricher.support.wire.StubLayout;
import dev.trackenricher.support.wire.WireAnswer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the six APIs on one local port, each under its own path prefix (the service's
 * base URLs point there): latency, failures and each API's real rate-limit behaviour, per source;
 * MusicBrainz answers 503 past 1 request/s, Spotify and Discogs 429, Last.fm error 29 inside a 200.
 * Counts every request per source and second ({@code GET /__simulator/stats}).
 *
 * <p>A test tool, kept in the test tree: the service never starts it. Run it alone with
 * {@code bin/simulate}, or embed it: {@code ApiSimulator.start(config, catalogue)}.
 */
public final class ApiSimulator implements AutoCloseable {

    /** The same layout as the WireMock stubs', so a test can use either behind the same base URLs. */
    public static final Map<String, String> PREFIX = StubLayout.PREFIX;
    public static final String SPOTIFY_TOKEN_PATH = StubLayout.SPOTIFY_TOKEN_PATH;

    static {
        // the JDK server writes headers and body separately; with Nagle's algorithm on, every answer
        // waits ~40 ms for a delayed ACK, which would swamp the latencies being simulated
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final SimulatorConfig config;
    private final Catalogue catalogue;
    private final SimulatedApis apis;
    private final RequestLog log = new RequestLog();
    private final Map<String, Random> randoms = new HashMap<>();
    private final HttpServer server;
    private final ExecutorService threads;
    private final ObjectMapper json = new ObjectMapper();

    private ApiSimulator(SimulatorConfig config, Catalogue catalogue) throws IOException {
        this.config = config;
        this.catalogue = catalogue;
        this.apis = new SimulatedApis(catalogue);
        config.sources().keySet().forEach(s -> randoms.put(s, new Random(config.seed() ^ s.hashCode())));
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", config.port()), 1024);
        // answers sleep for their latency: one thread per request in flight
        this.threads = Executors.newFixedThreadPool(512);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ApiSimulator start(SimulatorConfig config, Catalogue catalogue) throws IOException {
        return new ApiSimulator(config, catalogue);
    }

    /** The catalogue from a tracks CSV plus the configured number of synthetic tracks. */
    public static Catalogue catalogue(SimulatorConfig config, Path sampleCsv) throws IOException {
        Map<String, Double> known = new HashMap<>();
        config.sources().forEach((s, b) -> known.put(s, b.knownFraction()));
        return Catalogue.generate(config.seed(), Catalogue.readSample(sampleCsv), config.syntheticTracks(), known);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl(String source) {
        return "http://127.0.0.1:" + port() + PREFIX.get(source);
    }

    public String tokenUrl() {
        return "http://127.0.0.1:" + port() + SPOTIFY_TOKEN_PATH;
    }

    /** Properties pointing the service at this simulator (base URLs, token URL, credentials). */
    public Map<String, String> serviceProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        PREFIX.keySet().forEach(s -> p.put("enricher.sources." + s + ".base-url", baseUrl(s)));
        p.put("enricher.sources.spotify.token-url", tokenUrl());
        p.put("enricher.sources.spotify.client-id", "sim-client");
        p.put("enricher.sources.spotify.client-secret", "sim-secret");
        p.put("enricher.sources.discogs.token", "sim-token");
        p.put("enricher.sources.lastfm.api-key", "sim-key");
        p.put("enricher.sources.getsongbpm.api-key", "sim-key");
        p.put("enricher.sources.acousticbrainz.enabled", "true");
        return p;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public RequestLog log() {
        return log;
    }

    public SimulatorConfig config() {
        return config;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            Map<String, List<String>> all = queryAll(ex.getRequestURI().getRawQuery());
            Map<String, String> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            if (path.startsWith("/__simulator/")) {
                admin(ex, path);
                return;
            }
            if (path.equals(SPOTIFY_TOKEN_PATH)) {
                send(ex, apis.spotifyToken(headers));
                return;
            }
            String source = PREFIX.entrySet().stream().filter(e -> path.startsWith(e.getValue() + "/") || path.equals(e.getValue()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (source == null) {
                send(ex, Answer.json(404, "{\"error\":\"no simulated API here\"}", "unknown"));
                return;
            }
            send(ex, answer(source, decode(path.substring(PREFIX.get(source).length())), query, all, headers));
        } catch (RuntimeException e) {
            // a simulator bug must show as a 500, not a hung connection
            send(ex, Answer.json(500, "{\"error\":\"simulator: " + e + "\"}", "simulator_error"));
        }
    }

    private Answer answer(String source, String path, Map<String, String> query, Map<String, List<String>> all, Map<String, String> headers) {
        SourceBehaviour b = config.sources().get(source);
        int inWindow = log.arrive(source, b.windowSeconds());
        String group = apis.group(source, path, query);
        if (group != null) {
            log.grouped(source, group);
        }
        if (b.enforceLimit() && inWindow > b.allowedPerWindow()) {
            Answer limited = limited(source, b);
            log.answered(source, "limited");
            return limited;
        }
        Fault fault;
        long latency;
        synchronized (randoms.get(source)) {
            Random r = randoms.get(source);
            fault = r.nextDouble() < b.failureRate() && !b.faults().isEmpty() ? b.faults().get(r.nextInt(b.faults().size())) : null;
            latency = b.latency().sampleMillis(r);
        }
        sleep(latency);
        if (fault != null) {
            log.answered(source, "fault_" + fault.name().toLowerCase(Locale.ROOT));
            return faulted(fault, b, source, path, query, all, headers);
        }
        Answer a = route(source, path, query, all, headers);
        if (source.equals("discogs") && b.enforceLimit()) {
            int used = log.inWindow(source, System.currentTimeMillis(), b.windowSeconds());
            a = a.map(w -> DiscogsWire.withRateLimitHeaders(w, b.allowedPerWindow(), used));
        }
        log.answered(source, a.kind());
        return a;
    }

    private Answer route(String source, String path, Map<String, String> query, Map<String, List<String>> all, Map<String, String> headers) {
        return switch (source) {
            case "spotify" -> apis.spotify(path, query, headers);
            case "musicbrainz" -> apis.musicbrainz(path, query, all, headers);
            case "discogs" -> apis.discogs(path, query, headers);
            case "lastfm" -> apis.lastfm(query);
            case "acousticbrainz" -> apis.acousticbrainz(path, query);
            default -> apis.getsongbpm(path, query);
        };
    }

    /** Each API's own way of saying "too many requests". */
    private static Answer limited(String source, SourceBehaviour b) {
        int retryAfter = (int) Math.max(1, Math.ceil(b.windowSeconds()));
        WireAnswer limited = switch (source) {
            case "spotify" -> SpotifyWire.rateLimited(Math.min(retryAfter, 30));
            case "musicbrainz" -> MusicBrainzWire.rateLimited();
            case "discogs" -> DiscogsWire.tooManyRequests(b.allowedPerWindow());
            case "lastfm" -> LastFmWire.rateLimited();
            case "getsongbpm" -> GetSongBpmWire.keyBlocked();
            default -> AcousticBrainzWire.rateLimited(retryAfter);
        };
        return Answer.of(limited, "limited");
    }

    private Answer faulted(Fault fault, SourceBehaviour b, String source, String path, Map<String, String> query,
                           Map<String, List<String>> all, Map<String, String> headers) {
        return switch (fault) {
            case ERROR_500 -> Answer.of(WireAnswer.serverErrorPage(), "fault");
            case HTML -> Answer.of(WireAnswer.maintenancePage(), "fault");
            case TRUNCATED -> {
                WireAnswer full = route(source, path, query, all, headers).wire();
                yield Answer.of(new WireAnswer(full.status(), full.contentType(), full.body().substring(0, full.body().length() / 2),
                        full.headers()), "fault");
            }
            case TIMEOUT -> {
                sleep(b.hangMillis());
                yield Answer.of(WireAnswer.gatewayTimeout(), "fault");
            }
        };
    }

    private void admin(HttpExchange ex, String path) throws IOException {
        if (path.equals("/__simulator/reset")) {
            log.clear();
            send(ex, Answer.json(200, "{\"reset\":true}", "admin"));
            return;
        }
        ObjectNode stats = json.createObjectNode();
        ObjectNode sources = stats.putObject("sources");
        config.sources().forEach((s, b) -> {
            ObjectNode o = sources.putObject(s);
            o.put("requests", log.total(s));
            o.put("limit_per_second", b.limitPerSecond()).put("window_seconds", b.windowSeconds())
                    .put("allowed_per_window", b.allowedPerWindow()).put("busiest_window", log.busiestWindow(s, b.windowSeconds()))
                    .put("busiest_second", log.busiestWindow(s, 1));
            ObjectNode answers = o.putObject("answers");
            log.answers(s).forEach(answers::put);
            ObjectNode perSecond = o.putObject("per_second");
            log.perSecond(s).forEach((sec, n) -> perSecond.put(String.valueOf(sec), n));
        });
        send(ex, Answer.json(200, stats.toPrettyString(), "admin"));
    }

    private static void send(HttpExchange ex, Answer a) throws IOException {
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", a.contentType());
        a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        try {
            ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException clientGone) {
            // the client timed out and closed the connection: nothing to answer
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            q.put(decode(k), decode(v));
        }
        return q;
    }

    /** Every value of every parameter, in order ({@code resource=a&resource=b}). */
    static Map<String, List<String>> queryAll(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            q.computeIfAbsent(decode(k), x -> new java.util.ArrayList<>()).add(decode(v));
        }
        return q;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code bin/simulate}: runs until interrupted. */
    public static void main(String[] args) throws Exception {
        SimulatorCli.Parsed parsed;
        try {
            parsed = SimulatorCli.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (parsed.help()) {
            System.out.println(SimulatorCli.USAGE);
            return;
        }
        ApiSimulator sim = start(parsed.config(), catalogue(parsed.config(), parsed.catalogue()));
        System.out.println("simulating " + String.join(", ", PREFIX.keySet()) + " on http://127.0.0.1:" + sim.port()
                + " (" + sim.catalogue().all().size() + " tracks, seed " + parsed.config().seed() + ")");
        parsed.config().sources().forEach((s, b) -> System.out.printf("  %-15s %s  latency %s, failure rate %.2f, limit %s%n",
                s, sim.baseUrl(s), b.latency(), b.failureRate(),
                b.enforceLimit() ? b.allowedPerWindow() + " per " + (long) b.windowSeconds() + " s" : "off"));
        System.out.println("  stats: http://127.0.0.1:" + sim.port() + "/__simulator/stats");
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        Thread.currentThread().join();
    }
}
