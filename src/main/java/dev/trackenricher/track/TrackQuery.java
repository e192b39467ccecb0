package dev.trackenricher.track;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a filtered, ordered read of the catalogue (a page of GET /tracks, an export), with its
 * parameters in order. Planned for a catalogue of hundreds of thousands of tracks (V8): the order and
 * the keyset condition read the index on tracks (created_at, id) in either direction, so a page
 * deep into the catalogue costs what the first does; a status or an outcome filter is checked
 * against the primary keys of the status tables row by row along that index, or, when the
 * statistics say it is rare, read from their own indexes first; the words of q use the trigram index
 * on the folded artist and title.
 */
final class TrackQuery {

    /** the folded text q is matched against; exactly the expression of the index tracks_search */
    private static final String SEARCH_TEXT = "track_search_text(t.artist_name || ' ' || t.title)";

    final String sql;
    final List<Object> params;

    private TrackQuery(String sql, List<Object> params) {
        this.sql = sql;
        this.params = params;
    }

    /**
     * @param columns what to select from {@code tracks t} joined with {@code enrichment_status s}
     * @param after   the cursor to continue from, or null from the start
     * @param limit   the most rows, or null for all
     */
    static TrackQuery of(String columns, TrackFilter filter, TrackOrder order, TrackCursor after, Integer limit) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (filter.status() != null) {
            where.add("s.status = ?");
            params.add(filter.status().wireName());
        }
        if (filter.source() != null || filter.outcome() != null) {
            StringBuilder exists = new StringBuilder("EXISTS (SELECT 1 FROM enrichment_source_status x WHERE x.track_id = t.id");
            if (filter.source() != null) {
                exists.append(" AND x.source = ?");
                params.add(filter.source());
            }
            if (filter.outcome() != null) {
                exists.append(" AND x.outcome = ?");
                params.add(filter.outcome().wireName());
            }
            where.add(exists.append(')').toString());
        }
        for (String pattern : filter.likePatterns()) {
            where.add(SEARCH_TEXT + " LIKE track_search_text(?)");
            params.add(pattern);
        }
        if (after != null) {
            where.add("(t.created_at, t.id) " + order.after + " (?, ?)");
            params.add(OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC));
            params.add(after.id());
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(columns)
                .append("\n  FROM tracks t JOIN enrichment_status s ON s.track_id = t.id");
        if (!where.isEmpty()) {
            sql.append("\n WHERE ").append(String.join("\n   AND ", where));
        }
        sql.append("\n ORDER BY t.created_at ").append(order.direction).append(", t.id ").append(order.direction);
        if (limit != null) {
            sql.append("\n LIMIT ?");
            params.add(limit);
        }
        return new TrackQuery(sql.toString(), List.copyOf(params));
    }
}
