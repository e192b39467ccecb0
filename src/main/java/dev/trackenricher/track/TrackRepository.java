package dev.trackenricher.track;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.database.UuidArray;
import dev.trackenricher.status.TrackStatus;
import dev.trackenricher.status.TrackStatusRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The catalogue: tracks (each born with its status row, which {@link TrackStatusRepository} keeps). */
@Repository
public class TrackRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TrackStatusRepository statuses;

    public TrackRepository(JdbcTemplate jdbc, ObjectMapper json, TrackStatusRepository statuses) {
        this.jdbc = jdbc;
        this.json = json;
        this.statuses = statuses;
    }

    /** Adds all tracks, each pending and due at once, in one transaction: all or none. */
    @Transactional
    public List<UUID> insertAll(List<NewTrack> tracks) {
        List<UUID> ids = new ArrayList<>(tracks.size());
        List<Object[]> rows = new ArrayList<>(tracks.size());
        for (NewTrack t : tracks) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            rows.add(new Object[] {id, t.artistName(), t.title(), t.isrc(), t.spotifyId(), t.durationMs()});
        }
        jdbc.batchUpdate("INSERT INTO tracks (id, artist_name, title, isrc, spotify_id, duration_ms) VALUES (?, ?, ?, ?, ?, ?)",
                rows, 500, (ps, row) -> {
                    for (int i = 0; i < 5; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    if (row[5] == null) {
                        ps.setNull(6, Types.INTEGER);
                    } else {
                        ps.setInt(6, (Integer) row[5]);
                    }
                });
        statuses.createPending(ids);
        return ids;
    }

    public List<Track> findAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, TrackStatus> status = statuses.statuses(ids);
        List<Track> found = jdbc.query(SELECT + " WHERE t.id = ANY(?::uuid[])", (rs, n) -> map(rs, status), UuidArray.of(ids));
        Map<UUID, Track> byId = new HashMap<>();
        found.forEach(t -> byId.put(t.id(), t));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    public Optional<Track> find(UUID id) {
        return findAll(List.of(id)).stream().findFirst();
    }

    /** What a delete removed. */
    public record Deleted(UUID id, String artistName, String title) {
    }

    /**
     * Removes the track and everything about it in one statement, so in one transaction: every table
     * that keeps something per track references tracks with ON DELETE CASCADE (its status rows, its
     * source outcomes, and whatever a later table keeps). A run enriching it meanwhile writes nothing
     * back: its claim went with the status row.
     *
     * @return what was deleted, or empty when there was no such track
     */
    @Transactional
    public Optional<Deleted> delete(UUID id) {
        return jdbc.query("DELETE FROM tracks WHERE id = ? RETURNING id, artist_name, title",
                (rs, n) -> new Deleted(rs.getObject("id", UUID.class), rs.getString("artist_name"), rs.getString("title")), id)
                .stream().findFirst();
    }

    /** Sets a catalogue identifier a person corrected ({@code isrc} or {@code spotify_id}). Joins the caller's transaction. */
    public void setIdentifier(UUID id, String column, String value) {
        if (!column.equals("isrc") && !column.equals("spotify_id")) {
            throw new IllegalArgumentException("not a catalogue identifier: " + column);
        }
        jdbc.update("UPDATE tracks SET " + column + " = ?, updated_at = now() WHERE id = ?", value, id);
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM tracks", Long.class);
        return n == null ? 0 : n;
    }

    private static final String SELECT = """
            SELECT t.id, t.artist_name, t.title, t.isrc, t.spotify_id, t.duration_ms, t.metadata::text AS metadata,
                   t.created_at, t.updated_at
              FROM tracks t
            """;

    /** A catalogue row with its status, read from the status rows beforehand. */
    private Track map(ResultSet rs, Map<UUID, TrackStatus> statuses) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        TrackStatus status = statuses.get(id);
        Map<String, Object> metadata;
        try {
            metadata = json.readValue(rs.getString("metadata"), MAP);
        } catch (Exception e) {
            throw new SQLException("unreadable metadata of track " + id, e);
        }
        return new Track(id, rs.getString("artist_name"), rs.getString("title"),
                rs.getString("isrc"), rs.getString("spotify_id"), (Integer) rs.getObject("duration_ms"), metadata,
                status == null ? null : status.wireName(), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
