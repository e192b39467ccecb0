package dev.trackenricher.bench;

import dev.trackenricher.simulator.Catalogue.SimTrack;
import dev.trackenricher.simulator.RequestLog;
import dev.trackenricher.simulator.SimulatorConfig;
import dev.trackenricher.simulator.SourceBehaviour;
import dev.trackenricher.source.SourceClients;
import dev.trackenricher.source.SourcesProperties;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code bin/bench catalogue}: a catalogue enriched as an operator would, at the APIs' real limits.
 * The sample catalogue plus synthetic tracks (half with an ISRC, album tracks sharing a release, as
 * the simulator generates them), the service with its shipped settings (AcousticBrainz enabled, at
 * the simulator as its mirror), the simulator enforcing every API's limit.
 *
 * <p>It prints per source the requests per track and the achieved request rate against the API's
 * limit, and: {@code covered_per_hour}, tracks answered by every enabled source (found or not_found;
 * a source skipped for a missing prerequisite — AcousticBrainz without a recording id — counts as
 * answered once the source it needs answered) per hour; the {@code floor}, the slowest source's
 * configured limit divided by its measured requests per track; {@code catalogue_efficiency} =
 * covered_per_hour ÷ floor; and {@code provoked_limit_errors} (429s, 503s, Last.fm error 29).
 *
 * <p>Knobs (environment): {@code CATALOGUE_TRACKS} (default 300: the 254 sample tracks and
 * synthetic ones), {@code CATALOGUE_MINUTES} (default 15: the run stops there, covered or not),
 * {@code CATALOGUE_CYCLE} (default {@code true}, as shipped: the service's own enrichment cycle picks
 * the tracks up, no trigger; {@code false}: one trigger for all of them, the cycle switched off with
 * {@code enricher.batch.schedule.enabled=false}), {@code CATALOGUE_SETTINGS}
 * ({@code key=value,…}: settings changed from the shipped ones, to try them; printed with the figures).
 */
final class CatalogueScenario {

    static final int DEFAULT_TRACKS = 300;
    static final int DEFAULT_MINUTES = 15;
    /** How often the run's progress is looked at (and printed every {@link #REPORT_EVERY}). */
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    record Figures(double coveredPerHour, double floor, double efficiency, int provoked) {
    }

    private final String jdbcUrl;

    CatalogueScenario(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    Figures run() throws Exception {
        int n = intEnv("CATALOGUE_TRACKS", DEFAULT_TRACKS);
        Duration cap = Duration.ofMinutes(intEnv("CATALOGUE_MINUTES", DEFAULT_MINUTES));
        boolean cycle = Boolean.parseBoolean(System.getenv().getOrDefault("CATALOGUE_CYCLE", "true"));
        int sample = ScenarioRun.sampleSize();
        SimulatorConfig sim = SimulatorConfig.realistic().withSyntheticTracks(Math.max(0, n - sample) + 1);
        Map<String, String> settings = new LinkedHashMap<>();
        // ScenarioRun switches the cycle off for the scenarios that start their own runs: this one says which it wants
        // (with one trigger taking them all, the cycle would start runs of its own meanwhile)
        settings.put("enricher.batch.schedule.enabled", String.valueOf(cycle));
        Map<String, String> changed = settingsEnv();
        settings.putAll(changed);
        System.out.printf("%ncatalogue: %d tracks, at most %d min, %s, %s%n", n, cap.toMinutes(),
                cycle ? "the service's enrichment cycle running (no trigger)" : "one trigger, the cycle off (CATALOGUE_CYCLE=false)",
                changed.isEmpty() ? "shipped settings" : "shipped settings but " + changed);
        try (ScenarioRun run = new ScenarioRun(jdbcUrl, sim, settings)) {
            List<SimTrack> tracks = run.catalogueTracks(n);
            run.sim.log().clear();
            long start = System.currentTimeMillis();
            List<UUID> ids = run.addCatalogue(tracks);
            Map<UUID, SimTrack> byId = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                byId.put(ids.get(i), tracks.get(i));
            }
            SourcesProperties properties = run.service.getBean(SourcesProperties.class);
            SourceClients clients = run.service.getBean(SourceClients.class);
            List<String> enabled = properties.sources().keySet().stream().filter(s -> properties.settings(s).enabled()).toList();
            // one trigger: done when its run ends; the cycle: it retries what is due again, so until all are covered or the cap
            java.util.function.BooleanSupplier ended = cycle ? () -> false : run.trigger();
            Coverage coverage = waitForCoverage(run, enabled, clients, ids.size(), start, cap, ended);
            long end = System.currentTimeMillis();
            return report(run, sim, properties, enabled, byId, coverage, start, end);
        }
    }

    /** When each track became covered (answered by every enabled source), as far as the run got. */
    record Coverage(Map<UUID, Long> coveredAt) {
        long last() {
            return coveredAt.values().stream().mapToLong(l -> l).max().orElse(0);
        }
    }

    private Coverage waitForCoverage(ScenarioRun run, List<String> enabled, SourceClients clients, int total, long start, Duration cap,
                                     java.util.function.BooleanSupplier ended) throws Exception {
        long lastReport = start;
        while (true) {
            boolean over = ended.getAsBoolean();
            Coverage c = coverage(run, enabled, clients);
            long now = System.currentTimeMillis();
            boolean done = c.coveredAt().size() >= total || over;
            if (done || now - start >= cap.toMillis()) {
                return c;
            }
            if (now - lastReport >= REPORT_EVERY.toMillis()) {
                lastReport = now;
                System.out.printf("  %4d s: %d of %d tracks covered%n", (now - start) / 1000, c.coveredAt().size(), total);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Reads every track's per-source outcomes; a track is covered when each enabled source answered it. */
    private static Coverage coverage(ScenarioRun run, List<String> enabled, SourceClients clients) {
        Map<UUID, Map<String, String>> outcomes = new HashMap<>();
        Map<UUID, Long> latest = new HashMap<>();
        run.jdbc.query("SELECT track_id, source, outcome, last_attempt FROM enrichment_source_status", rs -> {
            UUID id = (UUID) rs.getObject(1);
            outcomes.computeIfAbsent(id, k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
            Timestamp at = rs.getTimestamp(4);
            latest.merge(id, at.getTime(), Math::max);
        });
        Map<UUID, Long> covered = new HashMap<>();
        outcomes.forEach((id, bySource) -> {
            if (enabled.stream().allMatch(s -> answered(s, bySource, clients))) {
                covered.put(id, latest.get(id));
            }
        });
        return new Coverage(covered);
    }

    private static boolean answered(String source, Map<String, String> bySource, SourceClients clients) {
        String outcome = bySource.get(source);
        if ("found".equals(outcome) || "not_found".equals(outcome)) {
            return true;
        }
        Set<String> needs = clients.get(source).runsAfter();
        // skipped for want of another source's answer (AcousticBrainz without a recording id): nothing left to ask
        return "skipped".equals(outcome) && !needs.isEmpty() && needs.stream().allMatch(s -> {
            String o = bySource.get(s);
            return "found".equals(o) || "not_found".equals(o);
        });
    }

    private Figures report(ScenarioRun run, SimulatorConfig sim, SourcesProperties properties, List<String> enabled,
                           Map<UUID, SimTrack> byId, Coverage coverage, long start, long end) {
        RequestLog log = run.sim.log();
        int tracks = byId.size();
        long withIsrc = byId.values().stream().filter(t -> t.isrc() != null).count();
        Long askedAcoustic = run.jdbc.queryForObject("SELECT count(*) FROM enrichment_source_status WHERE source = 'acousticbrainz' "
                + "AND outcome <> 'skipped'", Long.class);
        long windowEnd = coverage.coveredAt().size() >= tracks ? coverage.last() : end;
        double seconds = Math.max(1, windowEnd - start) / 1000.0;
        double coveredPerHour = coverage.coveredAt().size() / seconds * 3600;

        List<Object[]> rows = new ArrayList<>();
        double floor = Double.MAX_VALUE;
        String binding = "";
        int provoked = 0;
        for (String source : SimulatorConfig.SOURCES) {
            SourceBehaviour b = sim.sources().get(source);
            int requests = log.total(source);
            int limited = log.answers(source, "limited");
            provoked += limited;
            double perTrack = (double) requests / tracks;
            double rate = log.rate(source, start, windowEnd);
            double configured = properties.settings(source).rateLimitPerSecond();
            boolean on = enabled.contains(source);
            if (on && perTrack > 0 && configured > 0) {
                double sourceFloor = configured * 3600 / perTrack;
                if (sourceFloor < floor) {
                    floor = sourceFloor;
                    binding = source;
                }
            }
            rows.add(new Object[] {source + (on ? "" : " (off)"), Benchmark.fmt(configured), requests, Benchmark.fmt(perTrack),
                on && perTrack > 0 && configured > 0 ? String.valueOf(Math.round(configured * 3600 / perTrack)) : "",
                Benchmark.fmt(rate), Benchmark.fmt(rate / b.limitPerSecond()), limited});
        }
        Benchmark.table("catalogue: " + tracks + " tracks (" + withIsrc + " with an ISRC), real limits, shipped settings, "
                        + Benchmark.fmt(seconds) + " s",
                new String[] {"api", "limit/s (setting)", "requests", "requests/track", "its floor/h", "achieved/s", "÷ API limit", "limit errors"},
                rows.toArray(new Object[0][]));
        double mbIsrc = withIsrc == 0 ? 0 : (double) log.inGroup("musicbrainz", RequestLog.WITH_ISRC) / withIsrc;
        double mbOther = tracks == withIsrc ? 0 : (double) log.inGroup("musicbrainz", RequestLog.WITHOUT_ISRC) / (tracks - withIsrc);
        double abAsked = askedAcoustic == null || askedAcoustic == 0 ? 0 : (double) log.total("acousticbrainz") / askedAcoustic;
        System.out.printf("musicbrainz requests per track: %s with an ISRC (%d tracks), %s without (%d), %d URL lookups%n",
                Benchmark.fmt(mbIsrc), withIsrc, Benchmark.fmt(mbOther), tracks - withIsrc, log.inGroup("musicbrainz", RequestLog.SPOTIFY_LINKS));
        System.out.printf("acousticbrainz requests per track asked (with a recording id): %s (%d asked)%n", Benchmark.fmt(abAsked), askedAcoustic);
        io.micrometer.core.instrument.MeterRegistry meters = run.service.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        meters.find("enrichment_batch_size").summaries().forEach(b -> System.out.printf("%s batches: %d, %.1f tracks each on average, %.0f at most%n",
                b.getId().getTag("source"), b.count(), b.mean(), b.max()));
        Object[][] outcomes = run.jdbc.query("""
                SELECT source, count(*) FILTER (WHERE outcome = 'found'), count(*) FILTER (WHERE outcome = 'not_found'),
                       count(*) FILTER (WHERE outcome = 'failed'), count(*) FILTER (WHERE outcome = 'short_circuited'),
                       count(*) FILTER (WHERE outcome = 'rate_limited'), count(*) FILTER (WHERE outcome = 'skipped')
                  FROM enrichment_source_status GROUP BY source ORDER BY source""",
                (rs, i) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                    rs.getLong(7)}).toArray(new Object[0][]);
        Benchmark.table("catalogue: outcomes per source", new String[] {"api", "found", "not found", "failed", "short-circuited",
            "rate-limited", "skipped"}, outcomes);
        double efficiency = floor == Double.MAX_VALUE ? 0 : coveredPerHour / floor;
        System.out.printf("covered %d of %d tracks in %.0f s: covered_per_hour %.0f; floor %.0f/h (%s); catalogue_efficiency %.2f; "
                + "provoked_limit_errors %d%n", coverage.coveredAt().size(), tracks, seconds, coveredPerHour, floor, binding, efficiency, provoked);
        System.out.println();
        System.out.printf(java.util.Locale.ROOT, "CATALOGUE tracks=%d covered=%d seconds=%.0f covered_per_hour=%.0f floor=%.0f floor_source=%s "
                        + "catalogue_efficiency=%.2f provoked_limit_errors=%d musicbrainz_isrc_requests_per_track=%.2f "
                        + "acousticbrainz_requests_per_track=%.2f%n", tracks, coverage.coveredAt().size(), seconds, coveredPerHour, floor,
                binding, efficiency, provoked, mbIsrc, abAsked);
        return new Figures(coveredPerHour, floor, efficiency, provoked);
    }

    /** {@code CATALOGUE_SETTINGS="key=value,key=value"}: settings changed from the shipped ones, to try them out. */
    private static Map<String, String> settingsEnv() {
        Map<String, String> out = new LinkedHashMap<>();
        String v = System.getenv("CATALOGUE_SETTINGS");
        if (v == null || v.isBlank()) {
            return out;
        }
        for (String pair : v.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("CATALOGUE_SETTINGS takes key=value pairs separated by commas, not \"" + pair + "\"");
            }
            out.put(kv[0].trim(), kv[1].trim());
        }
        return out;
    }

    private static int intEnv(String name, int otherwise) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number, not \"" + v + "\"");
        }
    }
}
