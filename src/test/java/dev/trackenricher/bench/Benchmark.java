package dev.trackenricher.bench;

import dev.trackenricher.simulator.Latency;
import dev.trackenricher.simulator.RequestLog;
import dev.trackenricher.simulator.SimulatorConfig;
import dev.trackenricher.simulator.SourceBehaviour;
import dev.trackenricher.support.TestDatabase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/bench}: the five scenarios of the benchmark, each bounded, printing a table each and,
 * as its last line, {@code BENCH speedup=… latency_efficiency=… quota_utilisation_min=…
 * provoked_limit_errors=… overhead_tracks_per_s=… chaos_lost=… covered_per_hour=…
 * catalogue_efficiency=… catalogue_limit_errors=…}.
 *
 * <ol>
 * <li>latency: 6 APIs at 100 ms each, no limits or failures; the same track concurrency with the
 * sources called one after another (the original design) and with the fan-out.</li>
 * <li>quota: the APIs' real limits enforced by the simulator; each source's achieved request rate
 * against its limit, and the limit errors the service provoked.</li>
 * <li>overhead: no latency, no limits: tracks/s end to end, database writes included.</li>
 * <li>chaos: half of all calls fail in mixed ways; tracks left non-terminal or inconsistent.</li>
 * <li>catalogue: a catalogue at the real limits with the shipped settings, the longest: requests per
 * track per source, covered tracks per hour against the floor the limits set ({@link CatalogueScenario}).</li>
 * </ol>
 */
public final class Benchmark {

    static final int CONCURRENCY = 16;
    static final Duration QUOTA_RUN = Duration.ofSeconds(75);
    static final Duration QUOTA_WARMUP = Duration.ofSeconds(15);

    private final String jdbcUrl = TestDatabase.jdbcUrl();
    private final Map<String, String> figures = new LinkedHashMap<>();

    public static void main(String[] args) {
        try {
            run(List.of(args));
        } catch (Exception e) {
            // the simulator's and the service's threads would keep the JVM alive
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(List<String> only) throws Exception {
        Benchmark b = new Benchmark();
        if (only.isEmpty() || only.contains("latency")) {
            b.latency();
        }
        if (only.isEmpty() || only.contains("quota")) {
            b.quota();
        }
        if (only.isEmpty() || only.contains("overhead")) {
            b.overhead();
        }
        if (only.isEmpty() || only.contains("chaos")) {
            b.chaos(1000, "chaos");
        }
        if (only.isEmpty() || only.contains("catalogue")) {
            CatalogueScenario.Figures c = new CatalogueScenario(b.jdbcUrl).run();
            b.figures.put("covered_per_hour", String.valueOf(Math.round(c.coveredPerHour())));
            b.figures.put("catalogue_efficiency", fmt(c.efficiency()));
            b.figures.put("catalogue_limit_errors", String.valueOf(c.provoked()));
        }
        if (only.contains("load")) {
            b.chaos(Integer.getInteger("load.tracks", 10_000), "load");
        }
        if (b.figures.isEmpty() || b.figures.keySet().equals(java.util.Set.of("load_lost"))) {
            return;
        }
        StringBuilder line = new StringBuilder("BENCH");
        for (String k : List.of("speedup", "latency_efficiency", "quota_utilisation_min", "provoked_limit_errors",
                "overhead_tracks_per_s", "chaos_lost", "covered_per_hour", "catalogue_efficiency", "catalogue_limit_errors")) {
            line.append(' ').append(k).append('=').append(b.figures.getOrDefault(k, "n/a"));
        }
        System.out.println();
        System.out.println(line);
    }

    // ------------------------------------------------------------------------------------ latency

    void latency() throws Exception {
        SimulatorConfig sim = SimulatorConfig.realistic().withSyntheticTracks(2000)
                .all(s -> s.withLatency(Latency.parse("100")).withLimit(false).withFailures(0, s.faults()).withKnownFraction(1.0));
        Map<String, String> settings = unlimited();
        unbatched(settings);
        settings.put("enricher.batch.concurrency", String.valueOf(CONCURRENCY));
        settings.put("enricher.batch.chunk-size", String.valueOf(CONCURRENCY * 4));

        settings.put("enricher.fanout.parallel", "false");
        ScenarioRun.Result sequential = measure(sim, settings, 64, 192);
        settings.put("enricher.fanout.parallel", "true");
        ScenarioRun.Result fanout = measure(sim, settings, 64, 640);

        // critical path of the fan-out: MusicBrainz then AcousticBrainz, one call each
        double criticalPathSeconds = 0.2;
        double ideal = CONCURRENCY / criticalPathSeconds;
        double speedup = fanout.tracksPerSecond() / sequential.tracksPerSecond();
        double efficiency = fanout.tracksPerSecond() / ideal;
        table("latency: 6 APIs at 100 ms, " + CONCURRENCY + " tracks in flight",
                new String[] {"mode", "tracks", "seconds", "tracks/s"},
                new Object[][] {
                    {"one after another", sequential.tracks(), fmt(sequential.seconds()), fmt(sequential.tracksPerSecond())},
                    {"fan-out", fanout.tracks(), fmt(fanout.seconds()), fmt(fanout.tracksPerSecond())},
                    {"ideal fan-out", "", "", fmt(ideal)}});
        System.out.printf("speedup %.2f (ideal 3.0), latency efficiency %.2f%n", speedup, efficiency);
        figures.put("speedup", fmt(speedup));
        figures.put("latency_efficiency", fmt(efficiency));
    }

    private ScenarioRun.Result measure(SimulatorConfig sim, Map<String, String> settings, int warmup, int tracks) throws Exception {
        try (ScenarioRun run = new ScenarioRun(jdbcUrl, sim, settings)) {
            run.addTracks(0, warmup);
            run.enrich(null, null);
            run.addTracks(warmup, tracks);
            return run.enrich(null, null);
        }
    }

    // ------------------------------------------------------------------------------------ quota

    void quota() throws Exception {
        SimulatorConfig sim = SimulatorConfig.realistic().withSyntheticTracks(24000)
                .all(s -> s.withFailures(0, s.faults()).withKnownFraction(1.0));
        Map<String, String> settings = new LinkedHashMap<>();
        // the service's default limits (batch-config/sources.yml) stay as they are; enough tracks in
        // flight that the fastest API (Spotify, 10/s) always has work, and a short permit wait so a
        // track does not sit waiting for the slow APIs' permits
        settings.put("enricher.batch.concurrency", "64");
        settings.put("enricher.batch.chunk-size", "64");
        settings.put("enricher.fanout.threads", "512");
        for (String s : SimulatorConfig.SOURCES) {
            settings.put("enricher.sources." + s + ".max-permit-wait", "1s");
        }
        Map<String, Double> utilisation = new LinkedHashMap<>();
        int provoked;
        Object[][] rows = new Object[SimulatorConfig.SOURCES.size()][];
        try (ScenarioRun run = new ScenarioRun(jdbcUrl, sim, settings)) {
            run.addTracks(0, 24000);
            ScenarioRun.Result r = run.enrich(24000, QUOTA_RUN);
            RequestLog log = run.sim.log();
            long from = r.startMillis() + QUOTA_WARMUP.toMillis();
            // until the run's end if it ran out of tracks sooner
            long to = Math.min(r.startMillis() + QUOTA_RUN.toMillis(), r.endMillis());
            provoked = 0;
            int i = 0;
            for (String source : SimulatorConfig.SOURCES) {
                SourceBehaviour b = sim.sources().get(source);
                double rate = log.rate(source, from, to);
                double u = rate / b.limitPerSecond();
                utilisation.put(source, u);
                int limited = log.answers(source, "limited");
                provoked += limited;
                rows[i++] = new Object[] {source, fmt(b.limitPerSecond()), fmt(rate), fmt(u), log.busiestWindow(source, b.windowSeconds())
                        + " / " + b.allowedPerWindow() + " per " + (long) b.windowSeconds() + " s", limited};
            }
            table("quota: real limits enforced, " + QUOTA_RUN.toSeconds() + " s run, measured after " + QUOTA_WARMUP.toSeconds() + " s",
                    new String[] {"api", "limit/s", "achieved/s", "utilisation", "busiest window", "limit errors"}, rows);
            System.out.printf("tracks written %d in %.1f s%n", r.tracks(), r.seconds());
        }
        figures.put("quota_utilisation_min", fmt(utilisation.values().stream().mapToDouble(d -> d).min().orElse(0)));
        figures.put("provoked_limit_errors", String.valueOf(provoked));
    }

    // ------------------------------------------------------------------------------------ overhead

    void overhead() throws Exception {
        SimulatorConfig sim = SimulatorConfig.realistic().withSyntheticTracks(4000)
                .all(s -> s.withLatency(Latency.NONE).withLimit(false).withFailures(0, s.faults()).withKnownFraction(1.0));
        Map<String, String> settings = unlimited();
        unbatched(settings);
        settings.put("enricher.batch.concurrency", System.getProperty("bench.overhead.concurrency", "32"));
        settings.put("enricher.batch.chunk-size", "200");
        if (System.getProperty("bench.cache") != null) {
            settings.put("enricher.cache.enabled", System.getProperty("bench.cache"));
        }
        ScenarioRun.Result r = measure(sim, settings, 400, 3000);
        table("overhead: no latency, no limits (database writes included)",
                new String[] {"tracks", "seconds", "tracks/s"}, new Object[][] {{r.tracks(), fmt(r.seconds()), fmt(r.tracksPerSecond())}});
        figures.put("overhead_tracks_per_s", fmt(r.tracksPerSecond()));
    }

    // ------------------------------------------------------------------------------------ chaos

    void chaos(int tracks, String name) throws Exception {
        SimulatorConfig sim = SimulatorConfig.realistic().withSyntheticTracks(tracks)
                .all(s -> s.withLatency(Latency.parse("uniform:1:20")).withLimit(false)
                        .withFailures(0.5, List.of(dev.trackenricher.simulator.Fault.values())).withHang(1500));
        Map<String, String> settings = unlimited();
        settings.put("enricher.batch.concurrency", "32");
        settings.put("enricher.batch.chunk-size", "100");
        for (String s : SimulatorConfig.SOURCES) {
            settings.put("enricher.sources." + s + ".timeout", "1s");
            // breakers open within seconds at this failure rate; a short open period keeps the calls
            // (and their failures) coming instead of short-circuiting the rest of the run
            settings.put("enricher.sources." + s + ".breaker.wait-duration-in-open-state", "2s");
            if (name.equals("load")) {
                // the load test is about the failures themselves reaching every track: breakers that
                // tolerate a 50% failure rate let the calls through instead of short-circuiting them
                settings.put("enricher.sources." + s + ".breaker.sliding-window-size", "50");
                settings.put("enricher.sources." + s + ".breaker.minimum-number-of-calls", "50");
                settings.put("enricher.sources." + s + ".breaker.failure-rate-threshold", "90");
            }
        }
        long lost;
        Object[][] statusRows;
        try (ScenarioRun run = new ScenarioRun(jdbcUrl, sim, settings)) {
            run.addTracks(0, tracks);
            ScenarioRun.Result r = run.enrich(null, null);
            lost = ChaosCheck.lost(run.jdbc);
            statusRows = run.jdbc.query("SELECT status, count(*) FROM enrichment_status GROUP BY status ORDER BY status",
                    (rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)}).toArray(new Object[0][]);
            table(name + ": " + tracks + " tracks, 50% of calls fail (500, hang, HTML, truncated JSON); "
                    + fmt(r.tracksPerSecond()) + " tracks/s", new String[] {"status", "tracks"}, statusRows);
            Object[][] outcomeRows = run.jdbc.query("""
                    SELECT source, count(*) FILTER (WHERE outcome = 'found'), count(*) FILTER (WHERE outcome = 'not_found'),
                           count(*) FILTER (WHERE outcome = 'failed'), count(*) FILTER (WHERE outcome = 'short_circuited'),
                           count(*) FILTER (WHERE outcome = 'rate_limited'), count(*) FILTER (WHERE outcome = 'skipped')
                      FROM enrichment_source_status GROUP BY source ORDER BY source""",
                    (rs, n) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7)}).toArray(new Object[0][]);
            table(name + ": per source", new String[] {"api", "found", "not found", "failed", "short-circuited", "rate-limited", "skipped"},
                    outcomeRows);
            System.out.println("tracks lost or inconsistent: " + lost);
        }
        figures.put(name.equals("chaos") ? "chaos_lost" : "load_lost", String.valueOf(lost));
        if (name.equals("load")) {
            System.out.println();
            System.out.println("LOAD tracks=" + tracks + " lost=" + lost);
        }
    }

    private static Map<String, String> unlimited() {
        Map<String, String> s = new LinkedHashMap<>();
        for (String source : SimulatorConfig.SOURCES) {
            s.put("enricher.sources." + source + ".rate-limit-per-second", "0");
        }
        s.put("enricher.fanout.threads", "256");
        return s;
    }

    /**
     * Each track asked alone. Batching trades a moment of a track's time (its batch leaves once one of
     * its tracks has nothing else to wait for, plus batch.wait) for requests against a rate limit;
     * the latency and overhead scenarios switch the limits off, so there is nothing to save, and
     * measure the fan-out and the service's own cost. (bench.batched=true keeps the shipped batching.)
     */
    private static void unbatched(Map<String, String> settings) {
        if (!Boolean.getBoolean("bench.batched")) {
            for (String source : SimulatorConfig.SOURCES) {
                settings.put("enricher.sources." + source + ".batch.size", "1");
            }
        }
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    static void table(String title, String[] header, Object[][] rows) {
        int[] widths = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            widths[c] = header[c].length();
            for (Object[] row : rows) {
                widths[c] = Math.max(widths[c], String.valueOf(row[c]).length());
            }
        }
        System.out.println();
        System.out.println("== " + title);
        StringBuilder sep = new StringBuilder();
        for (int w : widths) {
            sep.append("+").append("-".repeat(w + 2));
        }
        sep.append("+");
        System.out.println(sep);
        System.out.println(row(header, widths));
        System.out.println(sep);
        for (Object[] r : rows) {
            System.out.println(row(r, widths));
        }
        System.out.println(sep);
    }

    private static String row(Object[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String v = String.valueOf(cells[c]);
            sb.append("| ").append(v).append(" ".repeat(widths[c] - v.length() + 1));
        }
        return sb.append("|").toString();
    }
}
