package dev.trackenricher.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.database.UuidArray;
import dev.trackenricher.source.Outcome;
import java.sql.Array;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one owner of a track's lifecycle: every statement on enrichment_status and
 * enrichment_source_status is here. A track is born pending ({@link #createPending}), an enrich run
 * claims it ({@link #claim}) and writes what it found ({@link #save}) or gives it back
 * ({@link #release}); a reprocess run resets failed and partial tracks ({@link #selectForReset},
 * {@link #reset}); a person's decisions and corrections are written under a hold on the track
 * ({@link #holdForCuration}, {@link #saveDecided}, {@link #saveMetadata}, {@link #askAgain}); REST,
 * the report and the metrics read it ({@link #find}, {@link #countByStatus}).
 * A run's merged metadata is written to {@code tracks.metadata} here too, in the statement batch
 * that checks the run still held the claim, so metadata and status never disagree.
 */
@Repository
public class TrackStatusRepository {

    /**
     * Status values spliced into the statements as SQL literals, not bound: the statements stay
     * constant, and the planner can use the partial index on in_progress rows.
     */
    private static final String PENDING = literal(TrackStatus.PENDING);
    private static final String IN_PROGRESS = literal(TrackStatus.IN_PROGRESS);

    /** Due: not in progress and its next attempt time has come, or in progress with an expired claim. */
    private static final String DUE = """
            ((s.status <> %1$s AND s.next_attempt_at <= now())
              OR (s.status = %1$s AND s.claimed_at < now() - make_interval(secs => ?)))
            AND (?::uuid[] IS NULL OR s.track_id = ANY(?::uuid[]))
            """.formatted(IN_PROGRESS);

    /** Outcomes of a source that did not answer (a reset for one source takes tracks where it stands so). */
    private static final List<String> NOT_ANSWERED = wireNames(Stream.of(Outcome.values()).filter(o -> !o.answered()));
    /** Outcomes shown as failing (skipped — disabled, no credentials — only for the source a reset asks about). */
    private static final List<String> FAILING = wireNames(Stream.of(Outcome.values()).filter(o -> !o.answered() && o != Outcome.SKIPPED));
    private static final List<String> RESETTABLE = TrackStatus.RESETTABLE.stream().map(TrackStatus::wireName).toList();

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate ownTransaction;
    private final StatusJson json;

    public TrackStatusRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = new StatusJson(json);
    }

    // --- born -----------------------------------------------------------------------------------

    /** The status row each new track is born with: pending, due at once. Joins the caller's transaction. */
    public void createPending(List<UUID> trackIds) {
        jdbc.batchUpdate("INSERT INTO enrichment_status (track_id, status, next_attempt_at) VALUES (?, ?, now())",
                trackIds.stream().map(id -> new Object[] {id, TrackStatus.PENDING.wireName()}).toList());
    }

    // --- claims ---------------------------------------------------------------------------------

    public int countDue(Duration claimTimeout, List<UUID> onlyIds) {
        String ids = UuidArray.of(onlyIds);
        Integer n = jdbc.queryForObject("SELECT count(*) FROM enrichment_status s WHERE " + DUE, Integer.class,
                seconds(claimTimeout), ids, ids);
        return n == null ? 0 : n;
    }

    /**
     * Claims up to {@code max} due tracks under {@code token} and returns them with their source
     * history. A claim is committed on its own (not in the caller's transaction), so other runs and
     * instances skip the rows at once ({@code FOR UPDATE SKIP LOCKED}) and a crash leaves a claim
     * that expires after the claim timeout.
     */
    public List<TrackToEnrich> claim(int max, UUID token, Duration claimTimeout, List<UUID> onlyIds) {
        return ownTransaction.execute(tx -> {
            String ids = UuidArray.of(onlyIds);
            List<UUID> claimed = jdbc.queryForList("""
                    WITH due AS (
                        SELECT s.track_id FROM enrichment_status s
                        WHERE %s
                        ORDER BY s.next_attempt_at NULLS FIRST, s.track_id
                        LIMIT ?
                        FOR UPDATE SKIP LOCKED)
                    UPDATE enrichment_status s
                       SET status_before_claim = CASE WHEN s.status = %s THEN s.status_before_claim ELSE s.status END,
                           status = %2$s, claimed_at = now(), claim_token = ?, updated_at = now()
                      FROM due WHERE s.track_id = due.track_id
                    RETURNING s.track_id
                    """.formatted(DUE, IN_PROGRESS), UUID.class, seconds(claimTimeout), ids, ids, max, token);
            return claimed.isEmpty() ? List.<TrackToEnrich>of() : load(claimed, token);
        });
    }

    /** Gives back the claims of a run that stopped before writing them: due again at once. */
    public int release(UUID token) {
        return jdbc.update("""
                UPDATE enrichment_status
                   SET status = coalesce(status_before_claim, %s), claimed_at = NULL, claim_token = NULL,
                       next_attempt_at = now(), updated_at = now()
                 WHERE claim_token = ? AND status = %s
                """.formatted(PENDING, IN_PROGRESS), token);
    }

    private List<TrackToEnrich> load(List<UUID> ids, UUID token) {
        Object[] idArray = {UuidArray.of(ids)};
        Map<UUID, Map<String, PreviousAttempt>> history = new HashMap<>();
        jdbc.query("""
                SELECT track_id, source, outcome, attempts, last_attempt, error, data::text AS data, confidence, provenance, ask_again
                  FROM enrichment_source_status WHERE track_id = ANY(?::uuid[])
                """, rs -> {
            UUID id = rs.getObject("track_id", UUID.class);
            String source = rs.getString("source");
            Double confidence = rs.getObject("confidence") == null ? null : rs.getDouble("confidence");
            history.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(source, new PreviousAttempt(source,
                    Outcome.fromWireName(rs.getString("outcome")), rs.getInt("attempts"),
                    rs.getTimestamp("last_attempt").toInstant(), rs.getString("error"), json.readMap(rs.getString("data")), confidence,
                    rs.getString("provenance"), rs.getBoolean("ask_again")));
        }, idArray);
        // the fields a person set (few tracks have any)
        Map<UUID, Map<String, FieldLock>> locks = new HashMap<>();
        jdbc.query("SELECT track_id, field, value::text AS value, set_at, set_by FROM track_locks WHERE track_id = ANY(?::uuid[])", rs -> {
            String field = rs.getString("field");
            locks.computeIfAbsent(rs.getObject("track_id", UUID.class), k -> new LinkedHashMap<>()).put(field,
                    new FieldLock(field, json.readValue(rs.getString("value")), rs.getTimestamp("set_at").toInstant(), rs.getString("set_by")));
        }, idArray);
        List<TrackToEnrich> tracks = new ArrayList<>();
        jdbc.query("""
                SELECT t.id, t.artist_name, t.title, t.isrc, t.spotify_id, t.duration_ms, s.retry_count, s.reprocess_sources
                  FROM tracks t JOIN enrichment_status s ON s.track_id = t.id
                 WHERE t.id = ANY(?::uuid[]) ORDER BY t.id
                """, rs -> {
            UUID id = rs.getObject("id", UUID.class);
            Integer duration = rs.getObject("duration_ms") == null ? null : rs.getInt("duration_ms");
            Array only = rs.getArray("reprocess_sources");
            Set<String> onlySources = only == null ? Set.of() : Set.of((String[]) only.getArray());
            tracks.add(new TrackToEnrich(id, token, rs.getString("artist_name"), rs.getString("title"), rs.getString("isrc"),
                    rs.getString("spotify_id"), duration, rs.getInt("retry_count"), history.getOrDefault(id, Map.of()), onlySources,
                    locks.getOrDefault(id, Map.of())));
        }, idArray);
        return tracks;
    }

    /**
     * Tracks that wait for this source (its last outcome rate_limited, their next attempt still to
     * come) are due now: an operator lifted the source's pause, so they need not wait for its end.
     * Returns how many.
     */
    public int dueNowWaitingFor(String source) {
        return jdbc.update("""
                UPDATE enrichment_status s SET next_attempt_at = now(), updated_at = now()
                 WHERE s.status <> %s AND s.next_attempt_at > now()
                   AND EXISTS (SELECT 1 FROM enrichment_source_status o
                                WHERE o.track_id = s.track_id AND o.source = ? AND o.outcome = ?)
                """.formatted(IN_PROGRESS), source, Outcome.RATE_LIMITED.wireName());
    }

    // --- a run's results ------------------------------------------------------------------------

    /**
     * Writes each result whose claim is still held (a claim that expired and was taken by another
     * run is not overwritten). Call inside one transaction per chunk. Returns the results written.
     */
    public List<EnrichmentResult> save(List<? extends EnrichmentResult> results) {
        List<Object[]> rows = new ArrayList<>(results.size());
        for (EnrichmentResult r : results) {
            StatusDecision d = r.decision();
            rows.add(new Object[] {d.status().wireName(), d.sourcesEnriched(), ts(r.attemptedAt()), d.retryCount(),
                StatusJson.storable(d.errorMessage()), d.retriable(), ts(d.nextAttemptAt()), r.trackId(), r.claimToken()});
        }
        // one batch; the count per row tells which claims were still held
        int[] updated = jdbc.batchUpdate("""
                UPDATE enrichment_status
                   SET status = ?, sources_enriched = ?, last_attempt = ?, retry_count = ?, error_message = ?,
                       is_retriable = ?, next_attempt_at = ?, claimed_at = NULL, claim_token = NULL,
                       status_before_claim = NULL, reprocess_sources = NULL, updated_at = now()
                 WHERE track_id = ? AND claim_token = ? AND status = %s
                """.formatted(IN_PROGRESS), rows);
        List<EnrichmentResult> written = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 1) {
                written.add(results.get(i));
            }
        }
        if (written.isEmpty()) {
            return written;
        }
        writeMetadataAndAttempts(written);
        return written;
    }

    private void writeMetadataAndAttempts(List<EnrichmentResult> written) {
        jdbc.batchUpdate("UPDATE tracks SET metadata = ?::jsonb, updated_at = now() WHERE id = ?",
                written.stream().map(r -> new Object[] {json.write(r.metadata()), r.trackId()}).toList());
        List<Object[]> attempts = new ArrayList<>();
        for (EnrichmentResult r : written) {
            for (SourceAttempt a : r.attempts()) {
                attempts.add(new Object[] {r.trackId(), a.source(), a.outcome().wireName(), ts(r.attemptedAt()), StatusJson.storable(a.error()),
                        a.data() == null ? null : json.write(a.data()), a.confidence(), a.provenance()});
            }
        }
        // found data is replaced only by new found data: a later failure keeps what the source gave before. An answer
        // is the source's own (or a person's, with its provenance), and asking again is done once it is written
        jdbc.batchUpdate("""
                INSERT INTO enrichment_source_status (track_id, source, outcome, attempts, last_attempt, error, data, confidence, provenance)
                VALUES (?, ?, ?, 1, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (track_id, source) DO UPDATE
                   SET outcome = excluded.outcome, attempts = enrichment_source_status.attempts + 1,
                       last_attempt = excluded.last_attempt, error = excluded.error,
                       data = coalesce(excluded.data, enrichment_source_status.data),
                       confidence = coalesce(excluded.confidence, enrichment_source_status.confidence),
                       provenance = excluded.provenance, ask_again = false
                """, attempts);
    }

    // --- a person's decisions and corrections ---------------------------------------------------

    /**
     * The track with its history and locks, its status row locked until the caller's transaction
     * ends (call it inside one), so no enrich run claims it meanwhile; empty when there is no such
     * track. A track an enrich run holds now is {@link TrackStatus#IN_PROGRESS}: leave it alone.
     */
    public Optional<HeldTrack> holdForCuration(UUID trackId) {
        List<TrackStatus> status = jdbc.query("SELECT status FROM enrichment_status WHERE track_id = ? FOR UPDATE",
                (rs, n) -> TrackStatus.fromWireName(rs.getString(1)), trackId);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        return load(List.of(trackId), null).stream().findFirst().map(t -> new HeldTrack(t, status.get(0)));
    }

    /**
     * Writes what a person's decision led to (a review candidate accepted or all rejected): the
     * status row, the merged metadata and the decided source's attempt with its provenance. Call
     * inside the transaction that {@link #holdForCuration holds} the track; a track an enrich run
     * claimed is not written (false).
     */
    public boolean saveDecided(EnrichmentResult r) {
        StatusDecision d = r.decision();
        int updated = jdbc.update("""
                UPDATE enrichment_status
                   SET status = ?, sources_enriched = ?, retry_count = ?, error_message = ?, is_retriable = ?, next_attempt_at = ?,
                       updated_at = now()
                 WHERE track_id = ? AND status <> %s
                """.formatted(IN_PROGRESS), d.status().wireName(), d.sourcesEnriched(), d.retryCount(),
                StatusJson.storable(d.errorMessage()), d.retriable(), ts(d.nextAttemptAt()), r.trackId());
        if (updated == 0) {
            return false;
        }
        writeMetadataAndAttempts(List.of(r));
        return true;
    }

    /** Replaces a track's merged metadata (after a correction or a released lock). Joins the caller's transaction. */
    public void saveMetadata(UUID trackId, Map<String, Object> metadata) {
        jdbc.update("UPDATE tracks SET metadata = ?::jsonb, updated_at = now() WHERE id = ?", json.write(metadata), trackId);
    }

    /**
     * Makes these sources due again for this track only (a corrected identifier they depend on):
     * each is asked at the track's next run, whatever it answered before, and the track is due now.
     * Not for a track an enrich run holds (it would write over the mark). Joins the caller's transaction.
     */
    public void askAgain(UUID trackId, Collection<String> sources) {
        if (sources.isEmpty()) {
            return;
        }
        named.update("UPDATE enrichment_source_status SET ask_again = true WHERE track_id = :id AND source IN (:sources)",
                new MapSqlParameterSource("id", trackId).addValue("sources", List.copyOf(sources)));
        jdbc.update("UPDATE enrichment_status SET next_attempt_at = now(), updated_at = now() WHERE track_id = ? AND status <> %s"
                .formatted(IN_PROGRESS), trackId);
    }

    // --- reading --------------------------------------------------------------------------------

    /** A track's status and each source's standing (GET /enrich/status/{trackId}). */
    public Optional<TrackStatusView> find(UUID trackId) {
        List<TrackStatusView> rows = jdbc.query("""
                SELECT track_id, status, sources_enriched, is_retriable, retry_count, last_attempt, error_message,
                       next_attempt_at, metadata->'enrichment_sources' AS used
                  FROM enrichment_status s JOIN tracks t ON t.id = s.track_id WHERE track_id = ?
                """, (rs, n) -> new TrackStatusView(
                rs.getObject("track_id", UUID.class), TrackStatus.fromWireName(rs.getString("status")), rs.getInt("sources_enriched"),
                json.readList(rs.getString("used")), rs.getBoolean("is_retriable"), rs.getInt("retry_count"),
                instant(rs.getTimestamp("last_attempt")), rs.getString("error_message"),
                instant(rs.getTimestamp("next_attempt_at")), sources(trackId)), trackId);
        return rows.stream().findFirst();
    }

    private Map<String, SourceStatusView> sources(UUID trackId) {
        Map<String, SourceStatusView> out = new LinkedHashMap<>();
        jdbc.query("""
                SELECT source, outcome, error, attempts, last_attempt, confidence, provenance
                  FROM enrichment_source_status WHERE track_id = ? ORDER BY source
                """, rs -> {
            Double confidence = rs.getObject("confidence") == null ? null : rs.getDouble("confidence");
            out.put(rs.getString("source"), new SourceStatusView(rs.getString("outcome"), rs.getString("error"),
                    rs.getInt("attempts"), instant(rs.getTimestamp("last_attempt")), confidence, rs.getString("provenance")));
        }, trackId);
        return out;
    }

    /** The status of each of these tracks that exists; an id missing from the answer is no track at all. */
    public Map<UUID, TrackStatus> statuses(Collection<UUID> ids) {
        Map<UUID, TrackStatus> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.query("SELECT track_id, status FROM enrichment_status WHERE track_id = ANY(?::uuid[])", rs -> {
            out.put(rs.getObject("track_id", UUID.class), TrackStatus.fromWireName(rs.getString("status")));
        }, (Object) UuidArray.of(List.copyOf(ids)));
        return out;
    }

    /** How many tracks are in each status; every status is in the answer, zero when no track has it. */
    public Map<TrackStatus, Long> countByStatus() {
        Map<TrackStatus, Long> counts = new EnumMap<>(TrackStatus.class);
        for (TrackStatus s : TrackStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("SELECT status, count(*) FROM enrichment_status GROUP BY status", rs -> {
            counts.put(TrackStatus.fromWireName(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }

    /** For each source (by name), how many tracks stand at each outcome of it: its latest outcome per track. */
    public Map<String, Map<Outcome, Long>> latestOutcomesBySource() {
        Map<String, Map<Outcome, Long>> bySource = new TreeMap<>();
        jdbc.query("SELECT source, outcome, count(*) FROM enrichment_source_status GROUP BY source, outcome", rs -> {
            bySource.computeIfAbsent(rs.getString(1), s -> new EnumMap<>(Outcome.class))
                    .put(Outcome.fromWireName(rs.getString(2)), rs.getLong(3));
        });
        return bySource;
    }

    // --- resets ---------------------------------------------------------------------------------

    /**
     * The failed and partial tracks the selection takes (oldest last attempt first, up to its limit)
     * with their failing sources. With {@code lock}, their status rows stay locked until the caller's
     * transaction ends, so no enrich run claims them in between (call it inside the reset's transaction).
     */
    public List<ResetCandidate> selectForReset(ResetSelection selection, boolean lock) {
        StringBuilder where = new StringBuilder("s.status IN (:statuses)");
        MapSqlParameterSource params = new MapSqlParameterSource("statuses", RESETTABLE);
        if (selection.withinDays() != null) {
            where.append(" AND s.last_attempt >= now() - make_interval(days => :days)");
            params.addValue("days", selection.withinDays());
        }
        if (selection.from() != null) {
            where.append(" AND s.last_attempt >= :from");
            params.addValue("from", OffsetDateTime.ofInstant(selection.from(), ZoneOffset.UTC));
        }
        if (selection.until() != null) {
            where.append(" AND s.last_attempt < :until");
            params.addValue("until", OffsetDateTime.ofInstant(selection.until(), ZoneOffset.UTC));
        }
        if (!selection.trackIds().isEmpty()) {
            where.append(" AND s.track_id = ANY(CAST(:ids AS uuid[]))");
            params.addValue("ids", UuidArray.of(selection.trackIds()));
        }
        if (selection.retriable() != null) {
            where.append(" AND s.is_retriable = :retriable");
            params.addValue("retriable", selection.retriable());
        }
        if (selection.notAnsweredBy() != null) {
            // or a person rejected all its candidates: a reset for that source is how it is asked again
            where.append(" AND EXISTS (SELECT 1 FROM enrichment_source_status x"
                    + " WHERE x.track_id = s.track_id AND x.source = :source AND (x.outcome IN (:notAnswered)"
                    + " OR (x.provenance = :curator AND x.outcome = :notFound)))");
            params.addValue("source", selection.notAnsweredBy()).addValue("notAnswered", NOT_ANSWERED)
                    .addValue("curator", PreviousAttempt.CURATOR).addValue("notFound", Outcome.NOT_FOUND.wireName());
        }
        params.addValue("limit", selection.limit());
        List<ResetCandidate> tracks = named.query("""
                SELECT s.track_id, t.artist_name, t.title, s.status, s.retry_count, s.last_attempt, s.is_retriable, s.error_message
                  FROM enrichment_status s JOIN tracks t ON t.id = s.track_id
                 WHERE %s
                 ORDER BY s.last_attempt NULLS FIRST, s.track_id
                 LIMIT :limit %s
                """.formatted(where, lock ? "FOR UPDATE OF s" : ""), params, (rs, n) -> new ResetCandidate(
                rs.getObject("track_id", UUID.class), rs.getString("artist_name"), rs.getString("title"),
                TrackStatus.fromWireName(rs.getString("status")), rs.getInt("retry_count"), instant(rs.getTimestamp("last_attempt")),
                rs.getBoolean("is_retriable"), rs.getString("error_message"), List.of()));
        return withFailingSources(tracks, selection.notAnsweredBy());
    }

    private List<ResetCandidate> withFailingSources(List<ResetCandidate> tracks, String source) {
        if (tracks.isEmpty()) {
            return tracks;
        }
        Map<UUID, List<ResetCandidate.FailingSource>> failing = new HashMap<>();
        MapSqlParameterSource params = new MapSqlParameterSource("ids", UuidArray.of(tracks.stream().map(ResetCandidate::trackId).toList()))
                .addValue("failing", FAILING).addValue("notAnswered", NOT_ANSWERED).addValue("source", source == null ? "" : source)
                .addValue("curator", PreviousAttempt.CURATOR).addValue("notFound", Outcome.NOT_FOUND.wireName());
        named.query("""
                SELECT track_id, source, outcome, error, last_attempt FROM enrichment_source_status
                 WHERE track_id = ANY(CAST(:ids AS uuid[]))
                   AND (outcome IN (:failing) OR (source = :source
                        AND (outcome IN (:notAnswered) OR (provenance = :curator AND outcome = :notFound))))
                 ORDER BY source
                """, params, rs -> {
            failing.computeIfAbsent(rs.getObject("track_id", UUID.class), k -> new ArrayList<>()).add(new ResetCandidate.FailingSource(
                    rs.getString("source"), rs.getString("outcome"), rs.getString("error"), instant(rs.getTimestamp("last_attempt"))));
        });
        return tracks.stream().map(t -> t.withFailingSources(failing.getOrDefault(t.trackId(), List.of()))).toList();
    }

    /**
     * Resets the tracks to pending, due at once, with no error, not retriable, and a fresh set of
     * retries (retry_count 0), and a source a person rejected every candidate of asked again. With a
     * source, their next run asks only that source. Call it inside one transaction: every row or none. Tracks no longer failed or partial (claimed meanwhile) are left alone.
     *
     * @return the rows reset
     */
    public int reset(List<UUID> ids, String onlySource) {
        if (ids.isEmpty()) {
            return 0;
        }
        // a person's rejection holds until a reset: the rejected source is asked again (an accepted match stays)
        named.update("""
                UPDATE enrichment_source_status x SET provenance = NULL, ask_again = true
                  FROM enrichment_status s
                 WHERE x.track_id = s.track_id AND s.track_id = ANY(CAST(:ids AS uuid[])) AND s.status IN (:statuses)
                   AND x.provenance = :curator AND x.outcome = :notFound AND (CAST(:only AS text) IS NULL OR x.source = :only)
                """, new MapSqlParameterSource("ids", UuidArray.of(ids)).addValue("statuses", RESETTABLE)
                .addValue("curator", PreviousAttempt.CURATOR).addValue("notFound", Outcome.NOT_FOUND.wireName())
                .addValue("only", onlySource, Types.VARCHAR));
        return named.update("""
                UPDATE enrichment_status
                   SET status = :pending, next_attempt_at = now(), error_message = NULL, is_retriable = false,
                       retry_count = 0, reprocess_sources = CAST(:only AS text[]), updated_at = now()
                 WHERE track_id = ANY(CAST(:ids AS uuid[])) AND status IN (:statuses)
                """, new MapSqlParameterSource("ids", UuidArray.of(ids)).addValue("statuses", RESETTABLE)
                .addValue("pending", TrackStatus.PENDING.wireName())
                .addValue("only", onlySource == null ? null : "{" + onlySource + "}", Types.VARCHAR));
    }

    // ---------------------------------------------------------------------------------------------

    private static String literal(TrackStatus status) {
        return "'" + status.wireName() + "'";
    }

    private static List<String> wireNames(Stream<Outcome> outcomes) {
        return outcomes.map(Outcome::wireName).toList();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
