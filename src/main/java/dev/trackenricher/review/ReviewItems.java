package dev.trackenricher.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.source.ReviewCandidate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one owner of review_items: an undecided search becomes the open item of its track and source
 * (at most one; a later undecided search of the same pair refreshes its candidates), a person
 * accepts or rejects it, or the source decides by itself later (superseded). A decided item is
 * never reopened.
 */
@Repository
public class ReviewItems {

    private static final TypeReference<List<ReviewCandidate>> CANDIDATES = new TypeReference<>() {
    };
    private static final String SELECT = """
            SELECT r.id, r.track_id, t.artist_name, t.title, r.source, r.state, r.why, r.candidates::text AS candidates,
                   r.created_at, r.updated_at, r.decided_at, r.decided_by, r.accepted_candidate
              FROM review_items r JOIN tracks t ON t.id = r.track_id
            """;

    /** An open item of a track and source, as the enrich writer keeps it. */
    public record Opening(UUID trackId, String source, String why, List<ReviewCandidate> candidates) {
    }

    /** A page of the queue and the cursor of the next one (null after the last). */
    public record Page(List<ReviewItem> items, ReviewCursor next) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ReviewItems(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Opens (or refreshes the candidates of) each track and source's open item. Joins the caller's transaction. */
    public void open(List<Opening> openings) {
        if (openings.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO review_items (id, track_id, source, state, why, candidates) VALUES (?, ?, ?, 'open', ?, ?::jsonb)
                ON CONFLICT (track_id, source) WHERE state = 'open'
                DO UPDATE SET why = excluded.why, candidates = excluded.candidates, updated_at = now()
                """, openings.stream().map(o -> new Object[] {UUID.randomUUID(), o.trackId(), o.source(), o.why(), write(o.candidates())})
                .toList());
    }

    /** Closes the open items of these track and source pairs: the source answered by itself since. Joins the caller's transaction. */
    public void supersede(List<Map.Entry<UUID, String>> pairs) {
        if (pairs.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                UPDATE review_items SET state = 'superseded', decided_at = now(), updated_at = now()
                 WHERE track_id = ? AND source = ? AND state = 'open'
                """, pairs.stream().map(p -> new Object[] {p.getKey(), p.getValue()}).toList());
    }

    /** Open items, oldest first, from after the cursor (null: the first page), of one source or all (null). */
    public Page openItems(String source, int limit, ReviewCursor after) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE r.state = 'open'");
        List<Object> args = new ArrayList<>();
        if (source != null) {
            sql.append(" AND r.source = ?");
            args.add(source);
        }
        if (after != null) {
            sql.append(" AND (r.created_at, r.id) > (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY r.created_at, r.id LIMIT ?");
        args.add(limit + 1);
        List<ReviewItem> rows = jdbc.query(sql.toString(), (rs, n) -> map(rs), args.toArray());
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<ReviewItem> page = rows.subList(0, limit);
        ReviewItem last = page.get(limit - 1);
        return new Page(List.copyOf(page), new ReviewCursor(last.createdAt(), last.id()));
    }

    public Optional<ReviewItem> find(UUID id) {
        return jdbc.query(SELECT + " WHERE r.id = ?", (rs, n) -> map(rs), id).stream().findFirst();
    }

    /** The item, its row locked until the caller's transaction ends (call it inside one). */
    public Optional<ReviewItem> findForUpdate(UUID id) {
        return jdbc.query(SELECT + " WHERE r.id = ? FOR UPDATE OF r", (rs, n) -> map(rs), id).stream().findFirst();
    }

    /** Records a person's decision of an open item; false when it is no longer open. Joins the caller's transaction. */
    public boolean decide(UUID id, String state, String acceptedCandidate, String by, Instant at) {
        return jdbc.update("""
                UPDATE review_items SET state = ?, accepted_candidate = ?, decided_by = ?, decided_at = ?, updated_at = now()
                 WHERE id = ? AND state = 'open'
                """, state, acceptedCandidate, by, Timestamp.from(at), id) == 1;
    }

    /** How many items each source has in each state (only the pairs that have any). */
    public Map<String, Map<String, Long>> countBySourceAndState() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        jdbc.query("SELECT source, state, count(*) FROM review_items GROUP BY source, state",
                rs -> {
                    out.computeIfAbsent(rs.getString(1), s -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
                });
        return out;
    }

    private ReviewItem map(ResultSet rs) throws SQLException {
        List<ReviewCandidate> candidates;
        try {
            candidates = json.readValue(rs.getString("candidates"), CANDIDATES);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable candidates of review item " + rs.getString("id"), e);
        }
        return new ReviewItem(rs.getObject("id", UUID.class), rs.getObject("track_id", UUID.class), rs.getString("artist_name"),
                rs.getString("title"), rs.getString("source"), rs.getString("state"), rs.getString("why"), candidates,
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("decided_at")),
                rs.getString("decided_by"), rs.getString("accepted_candidate"));
    }

    private String write(List<ReviewCandidate> candidates) {
        try {
            // the API's JSON (snake_case), and no NUL: PostgreSQL's jsonb cannot hold one
            return json.writeValueAsString(candidates).replace("\\u0000", "");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("review candidates not serialisable", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
