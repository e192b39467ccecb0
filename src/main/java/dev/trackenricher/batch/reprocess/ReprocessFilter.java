package dev.trackenricher.batch.reprocess;

import dev.trackenricher.status.ResetSelection;
import dev.trackenricher.status.TrackStatus;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;

/**
 * Which failed enrichments a reprocess run takes, checked (see {@link ReprocessFilterParser}); the
 * reprocess job's parameters. Tracks are taken from the {@link TrackStatus#RESETTABLE} statuses only, oldest last
 * attempt first.
 *
 * @param days       last attempt within this many days (null: any)
 * @param startDate  last attempt on or after this day, server time (null: any)
 * @param endDate    last attempt on or before this day, server time (null: any)
 * @param trackIds   only these tracks (empty: any)
 * @param retriable  true: only retriable ones, false: only non-retriable ones, null: both
 * @param source     only tracks where this source did not answer, and reset only that source (null: all)
 */
public record ReprocessFilter(Integer days, LocalDate startDate, LocalDate endDate, List<UUID> trackIds, Boolean retriable,
                              String source, int limit, boolean dryRun, boolean triggerNow) {

    static final String DAYS = "days";
    static final String START_DATE = "startDate";
    static final String END_DATE = "endDate";
    static final String TRACK_IDS = "trackIds";
    static final String RETRIABLE = "retriable";
    static final String SOURCE = "source";
    static final String LIMIT = "limit";
    static final String DRY_RUN = "dryRun";
    static final String TRIGGER_NOW = "triggerNow";

    public ReprocessFilter {
        trackIds = trackIds == null ? List.of() : List.copyOf(trackIds);
    }

    /** The nightly run's filter: every retriable failure, up to {@code limit}, then enrich them. */
    public static ReprocessFilter nightly(int limit) {
        return new ReprocessFilter(null, null, null, List.of(), true, null, limit, false, true);
    }

    /** The tracks this filter takes, its days those of {@code zone}'s calendar (the end date is inclusive). */
    public ResetSelection selection(ZoneId zone) {
        return new ResetSelection(days,
                startDate == null ? null : startDate.atStartOfDay(zone).toInstant(),
                endDate == null ? null : endDate.plusDays(1).atStartOfDay(zone).toInstant(),
                trackIds, retriable, source, limit);
    }

    /** Adds the filters as job parameters that do not identify the job instance (the caller adds what does). */
    public JobParametersBuilder addTo(JobParametersBuilder params) {
        if (days != null) {
            params.addLong(DAYS, days.longValue(), false);
        }
        if (startDate != null) {
            params.addString(START_DATE, startDate.toString(), false);
        }
        if (endDate != null) {
            params.addString(END_DATE, endDate.toString(), false);
        }
        if (!trackIds.isEmpty()) {
            params.addString(TRACK_IDS, trackIds.stream().map(UUID::toString).collect(Collectors.joining(",")), false);
        }
        if (retriable != null) {
            params.addString(RETRIABLE, retriable.toString(), false);
        }
        if (source != null) {
            params.addString(SOURCE, source, false);
        }
        return params.addLong(LIMIT, (long) limit, false)
                .addString(DRY_RUN, Boolean.toString(dryRun), false)
                .addString(TRIGGER_NOW, Boolean.toString(triggerNow), false);
    }

    public static ReprocessFilter from(JobParameters params) {
        Long days = params.getLong(DAYS);
        String start = params.getString(START_DATE);
        String end = params.getString(END_DATE);
        String ids = params.getString(TRACK_IDS);
        String retriable = params.getString(RETRIABLE);
        Long limit = params.getLong(LIMIT);
        if (limit == null) {
            throw new IllegalArgumentException("the reprocess job needs the job parameter " + LIMIT);
        }
        return new ReprocessFilter(
                days == null ? null : Math.toIntExact(days),
                start == null ? null : LocalDate.parse(start),
                end == null ? null : LocalDate.parse(end),
                ids == null || ids.isBlank() ? List.of() : Arrays.stream(ids.split(",")).map(UUID::fromString).toList(),
                retriable == null ? null : Boolean.valueOf(retriable),
                params.getString(SOURCE),
                Math.toIntExact(limit),
                Boolean.parseBoolean(params.getString(DRY_RUN)),
                Boolean.parseBoolean(params.getString(TRIGGER_NOW)));
    }
}
