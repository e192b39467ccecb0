package dev.trackenricher.batch.reprocess;

import dev.trackenricher.cli.CliCommand;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code reprocess [flags]} (and bin/reprocess-failed-enrichments): resets failed enrichments to
 * pending after printing what it takes. Exit 0 on success, 2 for bad flags, 1 when the run failed;
 * always a one-line reason on standard error.
 */
@Component
public class ReprocessCommand implements CliCommand {

    private final ReprocessFilterParser parser;
    private final Reprocessor reprocessor;
    private final ReprocessSettings settings;

    public ReprocessCommand(ReprocessFilterParser parser, Reprocessor reprocessor, ReprocessSettings settings) {
        this.parser = parser;
        this.reprocessor = reprocessor;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "reprocess";
    }

    @Override
    public String summary() {
        return "reprocess [--days N] [--start-date D] [--end-date D] [--track-id ID]... [--retriable-only | --non-retriable-only] "
                + "[--source NAME] [--limit N] [--dry-run] [--trigger-now]   reset failed enrichments to pending";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        // artist names are anything Unicode; print them as UTF-8 whatever the platform's default
        PrintStream utf8 = new PrintStream(out, true, StandardCharsets.UTF_8);
        if (args.contains("--help") || args.contains("-h")) {
            utf8.print(usage());
            return 0;
        }
        ReprocessFilter filter;
        try {
            filter = parser.fromArgs(args);
        } catch (ReprocessInputException e) {
            err.println("reprocess: " + e.getMessage());
            return 2;
        }
        try {
            utf8.print(SummaryTable.render(reprocessor.run(filter)));
            return 0;
        } catch (ReprocessFailedException e) {
            if (e.summary() != null) {
                utf8.print(SummaryTable.render(e.summary()));
            }
            err.println("reprocess: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("reprocess: " + e.getMessage());
            return 1;
        }
    }

    String usage() {
        StringBuilder text = new StringBuilder("""
                usage: bin/reprocess-failed-enrichments [flags]      (or: java -jar track-enricher.jar reprocess [flags])

                Resets failed and partial enrichments to pending (due now, error cleared, not retriable, retry
                count 0) in one transaction, after printing them: track, artist – title, status, retry count,
                last attempt, failing sources and their errors, then counts. Filters combine (all must hold).

                """);
        for (ReprocessOption o : ReprocessOption.values()) {
            String flag = o.flag + (o.valueName == null ? "" : " " + o.valueName);
            text.append(String.format("  %-26s %s%n", flag, o.help.formatted(settings.defaultLimit())));
        }
        text.append(String.format("  %-26s %s%n", "--help", "this text"));
        text.append("""

                Examples:
                  bin/reprocess-failed-enrichments --dry-run
                  bin/reprocess-failed-enrichments --days 7
                  bin/reprocess-failed-enrichments --track-id 0b9f8a6e-4c1d-4f5e-9a7b-3c2d1e0f9a8b
                  bin/reprocess-failed-enrichments --retriable-only --limit 200
                  bin/reprocess-failed-enrichments --source spotify --limit 100
                  bin/reprocess-failed-enrichments --trigger-now --limit 50
                  bin/reprocess-failed-enrichments --start-date 2025-10-01 --end-date 2025-10-07 --limit 500

                It uses the service's database (the embedded one under ./data/postgres, or SPRING_DATASOURCE_URL).
                --trigger-now asks the running service to enrich the reset tracks (ENRICHER_REPROCESS_SERVICE_URL,
                default http://localhost:8020); the same filters are POST /enrich/reprocess as JSON.
                Exit status: 0 done, 1 the run failed (nothing changed unless it says so), 2 bad flags.
                """);
        return text.toString();
    }
}
