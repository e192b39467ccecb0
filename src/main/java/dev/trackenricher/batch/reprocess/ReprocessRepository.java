package dev.trackenricher.batch.reprocess;

import dev.trackenricher.database.UuidArray;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Selecting failed enrichments by the reprocess filters, and resetting them. */
@Repository
public class ReprocessRepository {

    /** Outcomes of a source that did not answer; {@code --source} takes tracks where its source stands so. */
    static final List<String> NOT_ANSWERED = List.of("failed", "short_circuited", "rate_limited", "skipped");
    /** Outcomes the summary shows as failing (skipped — disabled, no credentials — only for the --source asked about). */
    static final List<String> FAILING = List.of("failed", "short_circuited", "rate_limited");

    private final NamedParameterJdbcTemplate jdbc;

    public ReprocessRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The tracks the filter takes (oldest last attempt first, up to its limit) with their failing
     * sources. With {@code lock}, their status rows stay locked until the caller's transaction ends,
     * so no enrich run claims them in between (call it inside the reset's transaction).
     */
    public List<ReprocessTrack> select(ReprocessFilter filter, ZoneId zone, boolean lock) {
        StringBuilder where = new StringBuilder("s.status IN (:statuses)");
        MapSqlParameterSource params = new MapSqlParameterSource("statuses", ReprocessFilter.STATUSES);
        if (filter.days() != null) {
            where.append(" AND s.last_attempt >= now() - make_interval(days => :days)");
            params.addValue("days", filter.days());
        }
        if (filter.startDate() != null) {
            where.append(" AND s.last_attempt >= :start");
            params.addValue("start", startOf(filter.startDate(), zone));
        }
        if (filter.endDate() != null) {
            where.append(" AND s.last_attempt < :endExclusive");
            params.addValue("endExclusive", startOf(filter.endDate().plusDays(1), zone));
        }
        if (!filter.trackIds().isEmpty()) {
            where.append(" AND s.track_id = ANY(CAST(:ids AS uuid[]))");
            params.addValue("ids", UuidArray.of(filter.trackIds()));
        }
        if (filter.retriable() != null) {
            where.append(" AND s.is_retriable = :retriable");
            params.addValue("retriable", filter.retriable());
        }
        if (filter.source() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM enrichment_source_status x"
                    + " WHERE x.track_id = s.track_id AND x.source = :source AND x.outcome IN (:notAnswered))");
            params.addValue("source", filter.source()).addValue("notAnswered", NOT_ANSWERED);
        }
        params.addValue("limit", filter.limit());
        List<ReprocessTrack> tracks = jdbc.query("""
                SELECT s.track_id, t.artist_name, t.title, s.status, s.retry_count, s.last_attempt, s.is_retriable, s.error_message
                  FROM enrichment_status s JOIN tracks t ON t.id = s.track_id
                 WHERE %s
                 ORDER BY s.last_attempt NULLS FIRST, s.track_id
                 LIMIT :limit %s
                """.formatted(where, lock ? "FOR UPDATE OF s" : ""), params, (rs, n) -> new ReprocessTrack(
                rs.getObject("track_id", UUID.class), rs.getString("artist_name"), rs.getString("title"), rs.getString("status"),
                rs.getInt("retry_count"), instant(rs.getTimestamp("last_attempt")), rs.getBoolean("is_retriable"),
                rs.getString("error_message"), List.of()));
        return withFailingSources(tracks, filter.source());
    }

    private List<ReprocessTrack> withFailingSources(List<ReprocessTrack> tracks, String source) {
        if (tracks.isEmpty()) {
            return tracks;
        }
        Map<UUID, List<ReprocessTrack.FailingSource>> failing = new HashMap<>();
        MapSqlParameterSource params = new MapSqlParameterSource("ids", UuidArray.of(tracks.stream().map(ReprocessTrack::trackId).toList()))
                .addValue("failing", FAILING).addValue("notAnswered", NOT_ANSWERED).addValue("source", source == null ? "" : source);
        jdbc.query("""
                SELECT track_id, source, outcome, error, last_attempt FROM enrichment_source_status
                 WHERE track_id = ANY(CAST(:ids AS uuid[]))
                   AND (outcome IN (:failing) OR (source = :source AND outcome IN (:notAnswered)))
                 ORDER BY source
                """, params, rs -> {
            failing.computeIfAbsent(rs.getObject("track_id", UUID.class), k -> new ArrayList<>()).add(new ReprocessTrack.FailingSource(
                    rs.getString("source"), rs.getString("outcome"), rs.getString("error"), instant(rs.getTimestamp("last_attempt"))));
        });
        return tracks.stream().map(t -> t.withFailingSources(failing.getOrDefault(t.trackId(), List.of()))).toList();
    }

    /** The current status of each of these tracks that exists; an id missing from the answer is no track at all. */
    public Map<UUID, String> statuses(List<UUID> ids) {
        Map<UUID, String> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.query("SELECT track_id, status FROM enrichment_status WHERE track_id = ANY(CAST(:ids AS uuid[]))",
                new MapSqlParameterSource("ids", UuidArray.of(ids)), rs -> {
                    out.put(rs.getObject("track_id", UUID.class), rs.getString("status"));
                });
        return out;
    }

    /**
     * Resets the tracks to pending, due at once, with no error, not retriable, and a fresh set of
     * retries (retry_count 0). With a source, their next run asks only that source. One statement:
     * every row or none. Tracks no longer failed or partial (claimed meanwhile) are left alone.
     *
     * @return the rows reset
     */
    public int reset(List<UUID> ids, String onlySource) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.update("""
                UPDATE enrichment_status
                   SET status = 'pending', next_attempt_at = now(), error_message = NULL, is_retriable = false,
                       retry_count = 0, reprocess_sources = CAST(:only AS text[]), updated_at = now()
                 WHERE track_id = ANY(CAST(:ids AS uuid[])) AND status IN (:statuses)
                """, new MapSqlParameterSource("ids", UuidArray.of(ids)).addValue("statuses", ReprocessFilter.STATUSES)
                .addValue("only", onlySource == null ? null : "{" + onlySource + "}", Types.VARCHAR));
    }

    private static OffsetDateTime startOf(LocalDate day, ZoneId zone) {
        return OffsetDateTime.ofInstant(day.atStartOfDay(zone).toInstant(), ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
