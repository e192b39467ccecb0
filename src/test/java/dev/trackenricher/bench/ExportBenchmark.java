package dev.trackenricher.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.trackenricher.TrackEnricherApplication;
import dev.trackenricher.support.TestDatabase;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code bin/bench-export}: the catalogue export's speed and memory. The service (the real
 * application, web server and routes) runs in this JVM on a fresh database; the catalogue is filled
 * to 10,000 and then 100,000 enriched-looking tracks (merged metadata of about a kilobyte, six source
 * outcomes each), and each size is exported twice, over HTTP (GET /tracks/export, read and discarded
 * by a client in this JVM) and by the export command's code to a file, in CSV and in JSON Lines.
 *
 * <p>For each run it prints rows/s and two heap figures from the memory MXBeans: the peak heap used
 * (everything allocated between collections, garbage included) and the peak heap left after a
 * collection (what the run kept alive). Constant memory shows as the same figures at 10,000 and at
 * 100,000 tracks, under a small -Xmx (the script's 160 MB: a 100,000-track export held in memory
 * would not fit).
 */
public final class ExportBenchmark {

    private static final List<MemoryPoolMXBean> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private static final AtomicLong LIVE_AFTER_GC = new AtomicLong();

    public static void main(String[] args) {
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 10_000, args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(int small, int large) throws Exception {
        watchCollections();
        String jdbcUrl = TestDatabase.newDatabase("bench_export");
        String[] props = {
            "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
            "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--logging.level.dev.trackenricher=ERROR",
            "--logging.level.org.apache.camel=ERROR", "--enricher.security.api-token=bench-export-token-0123456789",
            "--enricher.reprocess.schedule.enabled=false", "--spring.profiles.active=plain-logs"};
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(TrackEnricherApplication.class).run(props)) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            dev.trackenricher.track.CatalogueExport export = service.getBean(dev.trackenricher.track.CatalogueExport.class);
            long maxHeap = Runtime.getRuntime().maxMemory();
            System.out.printf(Locale.ROOT, "export benchmark: -Xmx %d MB, %d cores, load average %.2f%n", maxHeap >> 20,
                    Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            List<String[]> rows = new ArrayList<>();
            int seeded = 0;
            for (int size : new int[] {small, large}) {
                seed(jdbc, seeded, size);
                seeded = size;
                // a warm-up pass, so class loading and JIT are not counted against the first size
                if (size == small) {
                    measureHttp(port, "csv", size);
                }
                for (String format : List.of("csv", "jsonl")) {
                    rows.add(row(size, "GET /tracks/export", format, measureHttp(port, format, size)));
                }
                rows.add(row(size, "export command", "csv", measureCommand(export, size)));
            }
            System.out.printf("%-8s %-19s %-6s %8s %10s %15s %18s%n", "tracks", "path", "format", "seconds", "rows/s", "peak heap MB",
                    "peak after GC MB");
            for (String[] r : rows) {
                System.out.printf("%-8s %-19s %-6s %8s %10s %15s %18s%n", (Object[]) r);
            }
            System.out.println("EXPORT " + String.join(" ", rows.stream()
                    .filter(r -> r[1].startsWith("GET") && r[2].equals("csv"))
                    .map(r -> "rows_per_s_" + r[0] + "=" + r[4] + " peak_heap_mb_" + r[0] + "=" + r[5] + " peak_live_mb_" + r[0] + "=" + r[6])
                    .toList()));
        }
    }

    private record Figures(long rows, double seconds, long peakUsed, long peakLive) {
    }

    private static String[] row(int size, String path, String format, Figures f) {
        return new String[] {String.valueOf(size), path, format, String.format(Locale.ROOT, "%.2f", f.seconds()),
            String.format(Locale.ROOT, "%.0f", f.rows() / f.seconds()), mb(f.peakUsed()), mb(f.peakLive())};
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    /** Tracks numbered from..to-1 with metadata as a full enrichment leaves it, completed, six outcomes each. */
    private static void seed(JdbcTemplate jdbc, int from, int to) {
        long start = System.nanoTime();
        jdbc.update("""
                INSERT INTO tracks (id, artist_name, title, isrc, duration_ms, metadata, created_at)
                SELECT gen_random_uuid(), 'Artist ' || i || CASE WHEN i % 7 = 0 THEN ', "The" Band' ELSE '' END,
                       'Title ' || i || CASE WHEN i % 5 = 0 THEN ' (Radio Edit), part "two"' ELSE '' END,
                       'USTST' || lpad(i::text, 7, '0'), 180000 + i % 60000,
                       jsonb_build_object(
                         'musicbrainz_id', md5(i::text)::uuid, 'discogs_release_id', 1000000 + i, 'spotify_id', left(md5('s' || i), 22),
                         'bpm', 90 + (i % 800) / 10.0, 'key', 'A minor', 'camelot_key', '8A', 'open_key', '1m',
                         'genres', jsonb_build_array('Electronic', 'Folk, World, & Country'), 'styles', jsonb_build_array('House', 'Deep House'),
                         'lastfm_tags', jsonb_build_array('house', 'dance', 'electronic', '90s'), 'label', 'Label ' || (i % 500),
                         'year', 1970 + i % 55, 'album', 'Album ' || (i % 9000), 'duration_ms', 180000 + i % 60000,
                         'field_sources', jsonb_build_object('bpm', 'getsongbpm', 'key', 'getsongbpm', 'label', 'discogs',
                             'genres', 'discogs', 'musicbrainz_id', 'musicbrainz', 'isrc', 'spotify', 'lastfm_tags', 'lastfm'),
                         'enrichment_sources', jsonb_build_array('spotify', 'musicbrainz', 'discogs', 'lastfm', 'getsongbpm', 'acousticbrainz'),
                         'enriched_at', now()),
                       now() + make_interval(secs => i)
                  FROM generate_series(?, ?) i""", from, to - 1);
        jdbc.update("""
                INSERT INTO enrichment_status (track_id, status, sources_enriched)
                SELECT id, 'completed', 6 FROM tracks t WHERE NOT EXISTS (SELECT 1 FROM enrichment_status s WHERE s.track_id = t.id)""");
        jdbc.update("""
                INSERT INTO enrichment_source_status (track_id, source, outcome, last_attempt, confidence)
                SELECT t.id, src, 'found', now(), 0.85 + random() * 0.15
                  FROM tracks t CROSS JOIN unnest(ARRAY['spotify', 'musicbrainz', 'discogs', 'lastfm', 'getsongbpm', 'acousticbrainz']) src
                 WHERE NOT EXISTS (SELECT 1 FROM enrichment_source_status x WHERE x.track_id = t.id)""");
        jdbc.execute("ANALYZE");
        System.out.printf(Locale.ROOT, "catalogue filled to %d tracks in %.1f s%n", to, (System.nanoTime() - start) / 1e9);
    }

    private static Figures measureHttp(int port, String format, int expected) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tracks/export?format=" + format)).GET().build();
        return measure(expected, () -> {
            HttpResponse<InputStream> answer = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("export answered " + answer.statusCode());
            }
            try (InputStream in = answer.body()) {
                return lines(in);
            }
        }, format.equals("csv"));
    }

    private static Figures measureCommand(dev.trackenricher.track.CatalogueExport export, int expected) throws Exception {
        Path file = Files.createTempFile("bench-export", ".csv");
        try {
            return measure(expected, () -> {
                try (InputStream in = export.open(dev.trackenricher.track.TrackFilter.ALL, dev.trackenricher.track.ExportFormat.CSV)) {
                    Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return lines(in);
                }
            }, true);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FunctionalInterface
    private interface Run {
        long lines() throws Exception;
    }

    private static Figures measure(int expected, Run run, boolean header) throws Exception {
        System.gc();
        HEAP.forEach(MemoryPoolMXBean::resetPeakUsage);
        LIVE_AFTER_GC.set(0);
        long start = System.nanoTime();
        long lines = run.lines();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakUsed = HEAP.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long rows = header ? lines - 1 : lines;
        if (rows < expected) {
            // a CSV row may span lines (a quoted line break), never fewer lines than rows
            throw new IllegalStateException("exported " + rows + " rows of " + expected);
        }
        return new Figures(expected, seconds, peakUsed, LIVE_AFTER_GC.get());
    }

    /** Counts line feeds while discarding the bytes, in a fixed buffer. */
    private static long lines(InputStream in) throws java.io.IOException {
        byte[] buffer = new byte[64 * 1024];
        long lines = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
        }
        return lines;
    }

    /** After every collection, the heap it left in use; the highest is what the running export kept alive. */
    private static void watchCollections() {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long after = 0;
                for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (HEAP.stream().anyMatch(p -> p.getName().equals(pool.getKey()))) {
                        after += pool.getValue().getUsed();
                    }
                }
                LIVE_AFTER_GC.accumulateAndGet(after, Math::max);
            }, null, null);
        }
    }
}
