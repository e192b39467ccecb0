package dev.trackenricher.batch.reprocess;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import dev.trackenricher.status.ResetCandidate;
import dev.trackenricher.status.TrackStatus;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.stream.Collectors;

/** A reprocess summary as the command line prints it: one row per track, then the counts. */
public final class SummaryTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ReprocessJobConfiguration.SERVER_ZONE);
    private static final int NAME_WIDTH = 40;
    private static final int ERROR_WIDTH = 100;

    private SummaryTable() {
    }

    public static String render(ReprocessSummary s) {
        StringBuilder out = new StringBuilder();
        if (!s.tracks().isEmpty()) {
            String format = "%-36s  %s  %-7s  %7s  %-19s  %s%n";
            out.append(String.format(format, "TRACK", pad("ARTIST – TITLE", NAME_WIDTH), "STATUS", "RETRIES", "LAST ATTEMPT", "FAILING SOURCES"));
            String indent = " ".repeat(36 + 2 + NAME_WIDTH + 2 + 7 + 2 + 7 + 2 + 19 + 2);
            for (ResetCandidate t : s.tracks()) {
                List<String> failing = new ArrayList<>();
                t.failingSources().forEach(f -> failing.add(cut(f.source() + " " + f.outcome()
                        + (f.error() == null ? "" : ": " + f.error()), ERROR_WIDTH)));
                if (failing.isEmpty()) {
                    failing.add(t.errorMessage() == null ? "-" : cut(t.errorMessage(), ERROR_WIDTH));
                }
                out.append(String.format(format, t.trackId(), pad(cut(t.artistName() + " – " + t.title(), NAME_WIDTH), NAME_WIDTH), t.status().wireName(),
                        t.retryCount(), time(t.lastAttempt()), failing.get(0)));
                failing.stream().skip(1).forEach(line -> out.append(indent).append(line).append(System.lineSeparator()));
            }
            out.append(System.lineSeparator());
        }
        out.append(counts(s));
        return out.toString();
    }

    private static String counts(ReprocessSummary s) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        StringJoiner byStatus = new StringJoiner(", ");
        s.byStatus().forEach((status, n) -> byStatus.add(status + " " + n));
        out.append("matched: ").append(s.matched()).append(s.matched() == 1 ? " track" : " tracks")
                .append(" (").append(byStatus).append("; retriable ").append(s.retriable()).append(")").append(nl);
        if (!s.bySource().isEmpty()) {
            StringJoiner sources = new StringJoiner(", ");
            s.bySource().forEach((source, outcomes) -> sources.add(source + " " + outcomes.values().stream().mapToInt(Integer::intValue).sum()
                    + " (" + outcomes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")"));
            out.append("failing sources: ").append(sources).append(nl);
        }
        if (!s.notFound().isEmpty()) {
            out.append("not found: ").append(s.notFound().size()).append(" track id(s): ")
                    .append(s.notFound().stream().map(UUID::toString).collect(Collectors.joining(", "))).append(nl);
        }
        if (!s.notSelected().isEmpty()) {
            out.append("not selected: ").append(s.notSelected().entrySet().stream().map(SummaryTable::notSelected)
                    .collect(Collectors.joining(", "))).append(nl);
        }
        if (s.dryRun()) {
            out.append("dry run: nothing was changed; ").append(s.matched()).append(" tracks would be reset to pending").append(nl);
        } else {
            out.append("reset: ").append(s.reset()).append(" tracks to pending, due now, retry count 0")
                    .append(s.filter().source() == null || s.reset() == 0 ? ""
                            : "; their next run asks only " + s.filter().source()).append(nl);
        }
        if (s.enrichJobExecutionId() != null) {
            out.append("enrichment started: enrich job execution ").append(s.enrichJobExecutionId())
                    .append(" for the ").append(s.reset()).append(" reset tracks").append(nl);
        } else if (s.filter().triggerNow() && !s.dryRun()) {
            out.append("enrichment: nothing to start (no track was reset)").append(nl);
        }
        out.append("reprocess job execution ").append(s.jobExecutionId()).append(nl);
        return out.toString();
    }

    private static String notSelected(Map.Entry<UUID, TrackStatus> e) {
        boolean eligible = e.getValue().resettable();
        return e.getKey() + " (" + e.getValue().wireName() + (eligible ? ", outside the other filters or the limit" : ", not failed or partial") + ")";
    }

    private static String time(Instant t) {
        return t == null ? "never" : TIME.format(t);
    }

    /** At most {@code width} terminal columns (wide CJK characters take two), with "…" when cut. */
    static String cut(String s, int width) {
        String oneLine = s.replaceAll("\\s+", " ");
        if (columns(oneLine) <= width) {
            return oneLine;
        }
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < oneLine.length(); ) {
            int cp = oneLine.codePointAt(i);
            if (used + columns(cp) > width - 1) {
                break;
            }
            kept.appendCodePoint(cp);
            used += columns(cp);
            i += Character.charCount(cp);
        }
        return kept.append('…').toString();
    }

    static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - columns(s)));
    }

    static int columns(String s) {
        return s.codePoints().map(SummaryTable::columns).sum();
    }

    private static int columns(int codePoint) {
        int width = UCharacter.getIntPropertyValue(codePoint, UProperty.EAST_ASIAN_WIDTH);
        if (width == UCharacter.EastAsianWidth.WIDE || width == UCharacter.EastAsianWidth.FULLWIDTH) {
            return 2;
        }
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT ? 0 : 1;
    }
}
