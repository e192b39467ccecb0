package dev.trackenricher.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.cli.CliCommand;
import dev.trackenricher.source.Outcome;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.stereotype.Component;

/**
 * {@code report [--service-url URL]}: where the catalogue stands — tracks by status, each source's
 * latest outcome across tracks — and, from the running service's /health, each breaker's state and
 * recent transitions.
 */
@Component
public class StatusReportCommand implements CliCommand {

    /** What runs concluded first, then what waits or is being enriched. */
    static final List<TrackStatus> STATUSES = List.of(TrackStatus.COMPLETED, TrackStatus.PARTIAL, TrackStatus.FAILED,
            TrackStatus.PENDING, TrackStatus.IN_PROGRESS);

    private final TrackStatusRepository statuses;
    private final ObjectMapper json;

    public StatusReportCommand(TrackStatusRepository statuses, ObjectMapper json) {
        this.statuses = statuses;
        this.json = json;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "report [--service-url URL]   tracks by status, outcomes per source, breaker states and transitions";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String serviceUrl = "http://localhost:8020";
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--service-url") && i + 1 < args.size()) {
                serviceUrl = args.get(++i);
            } else if (args.get(i).startsWith("--service-url=")) {
                serviceUrl = args.get(i).substring("--service-url=".length());
            } else {
                err.println("report: unknown argument " + args.get(i) + "; usage: " + summary());
                return 2;
            }
        }
        out.print(statuses());
        out.print(sources());
        out.print(breakers(serviceUrl));
        return 0;
    }

    String statuses() {
        Map<TrackStatus, Long> counts = statuses.countByStatus();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        StringJoiner line = new StringJoiner(", ");
        STATUSES.forEach(s -> line.add(s.wireName() + " " + counts.getOrDefault(s, 0L)));
        return "Tracks: " + total + " (" + line + ")" + System.lineSeparator() + System.lineSeparator();
    }

    String sources() {
        Map<String, Map<Outcome, Long>> bySource = statuses.latestOutcomesBySource();
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("api"));
        for (Outcome o : Outcome.values()) {
            header.add(o.wireName().replace('_', '-'));
        }
        rows.add(header.toArray(new String[0]));
        bySource.forEach((source, outcomes) -> {
            List<String> row = new ArrayList<>(List.of(source));
            for (Outcome o : Outcome.values()) {
                row.add(String.valueOf(outcomes.getOrDefault(o, 0L)));
            }
            rows.add(row.toArray(new String[0]));
        });
        return "Sources (each track's latest outcome)" + System.lineSeparator() + table(rows) + System.lineSeparator();
    }

    String breakers(String serviceUrl) {
        StringBuilder out = new StringBuilder("Breakers (" + serviceUrl + "/health)" + System.lineSeparator());
        JsonNode health;
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(serviceUrl + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            health = json.readTree(r.body());
        } catch (IOException | IllegalArgumentException e) {
            return out.append("  the service is not reachable (").append(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    .append("); states are kept in memory by the running service").append(System.lineSeparator()).toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return out.toString();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"api", "state", "transitions"});
        health.path("api_clients").fields().forEachRemaining(e -> {
            StringJoiner transitions = new StringJoiner(", ");
            e.getValue().path("breaker_transitions").forEach(t -> transitions.add(t.path("from").asText() + "→" + t.path("to").asText()
                    + " " + t.path("at").asText().replaceAll("^.*T(\\d\\d:\\d\\d:\\d\\d).*$", "$1")));
            rows.add(new String[] {e.getKey(), e.getValue().path("breaker_state").asText(), transitions.length() == 0 ? "-" : transitions.toString()});
        });
        return out.append(table(rows)).toString();
    }

    static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        boolean[] numeric = new boolean[widths.length];
        for (int i = 0; i < widths.length; i++) {
            final int column = i;
            numeric[i] = rows.size() > 1 && rows.stream().skip(1).allMatch(row -> row[column].matches("\\d+"));
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < r.length; i++) {
                // numbers (and their headings) right-aligned, text left-aligned
                line.append(' ').append(numeric[i] ? lpad(r[i], widths[i]) : pad(r[i], widths[i]));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static String lpad(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }
}
