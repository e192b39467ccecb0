package dev.trackenricher.batch.reprocess;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The reprocess filters as the command line ({@link #flag}) and the REST body ({@link #fields}) name them. */
enum ReprocessOption {
    DAYS("--days", "N", true, "last attempt within the last N days", "days"),
    START_DATE("--start-date", "YYYY-MM-DD", true, "last attempt on or after this day (server time)", "startDate", "start_date"),
    END_DATE("--end-date", "YYYY-MM-DD", true, "last attempt on or before this day (server time)", "endDate", "end_date"),
    TRACK_ID("--track-id", "ID", true, "only this track; repeat for more (REST: trackIds, an array)",
            "trackIds", "track_ids", "trackId", "track_id"),
    RETRIABLE_ONLY("--retriable-only", null, false, "only tracks marked retriable (rate-limited / breaker open)",
            "retriableOnly", "retriable_only"),
    NON_RETRIABLE_ONLY("--non-retriable-only", null, false, "only tracks not marked retriable",
            "nonRetriableOnly", "non_retriable_only"),
    SOURCE("--source", "NAME", true, "only tracks where this source did not answer; their next run asks it alone",
            "source"),
    LIMIT("--limit", "N", true, "at most N tracks, oldest last attempt first (default %d)", "limit"),
    DRY_RUN("--dry-run", null, false, "show the summary only; change nothing", "dryRun", "dry_run"),
    TRIGGER_NOW("--trigger-now", null, false, "after the reset, start enrichment of exactly the reset tracks",
            "triggerNow", "trigger_now");

    final String flag;
    final String valueName;
    final boolean takesValue;
    final String help;
    final List<String> fields;

    ReprocessOption(String flag, String valueName, boolean takesValue, String help, String... fields) {
        this.flag = flag;
        this.valueName = valueName;
        this.takesValue = takesValue;
        this.help = help;
        this.fields = List.of(fields);
    }

    static Optional<ReprocessOption> byFlag(String flag) {
        return Stream.of(values()).filter(o -> o.flag.equals(flag)).findFirst();
    }

    static Optional<ReprocessOption> byField(String field) {
        return Stream.of(values()).filter(o -> o.fields.contains(field)).findFirst();
    }
}
