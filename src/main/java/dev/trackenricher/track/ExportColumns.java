package dev.trackenricher.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of an export, one per merged field, and where each value comes from. The first five
 * are the CSV import's own columns under its names (the catalogue's value, else the merged one), so
 * an exported file imports again; the import skips the others ({@link #EXPORT_ONLY}). Every other
 * value is what {@code tracks.metadata} holds, whoever put it there (a source, or a person's locked
 * correction): the export reads the merged result, it does not merge.
 */
public final class ExportColumns {

    public static final List<String> NAMES = List.of("id", "artist_name", "title", "isrc", "spotify_id", "duration_ms",
            "musicbrainz_id", "discogs_release_id", "bpm", "key", "camelot_key", "open_key", "genres", "styles", "tags", "label",
            "year", "status", "sources_used", "confidence");

    /** The columns the import does not read; a file this export wrote carries them and still imports. */
    public static final Set<String> EXPORT_ONLY = exportOnly();

    /**
     * What the export selects from {@code tracks t} and {@code enrichment_status s}: the row, and the
     * weakest match confidence among the sources that found the track (for a track whose metadata
     * states no confidence of its own).
     */
    static final String SELECT = """
            t.id, t.artist_name, t.title, t.isrc, t.spotify_id, t.duration_ms, t.metadata::text AS metadata, s.status,
                   (SELECT min(x.confidence) FROM enrichment_source_status x
                     WHERE x.track_id = t.id AND x.outcome = 'found') AS source_confidence""";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExportColumns() {
    }

    private static Set<String> exportOnly() {
        Set<String> only = new LinkedHashSet<>(NAMES);
        TrackValidator.FIELDS.forEach(only::remove);
        return Set.copyOf(only);
    }

    /** One row as the export writes it: every column of {@link #NAMES}, in order, null where nothing is known. */
    static ObjectNode row(ResultSet rs, ObjectMapper json) throws SQLException {
        JsonNode metadata;
        try {
            metadata = json.readTree(rs.getString("metadata"));
        } catch (Exception e) {
            throw new SQLException("unreadable metadata of track " + rs.getString("id"), e);
        }
        double fromSources = rs.getDouble("source_confidence");
        JsonNode sourceConfidence = rs.wasNull() ? NullNode.getInstance() : NODES.numberNode(fromSources);
        Object duration = rs.getObject("duration_ms");
        ObjectNode row = NODES.objectNode();
        for (String column : NAMES) {
            row.set(column, switch (column) {
                case "id", "artist_name", "title", "status" -> NODES.textNode(rs.getString(column));
                case "isrc", "spotify_id" -> text(rs.getString(column), metadata.path(column));
                case "duration_ms" -> duration != null ? NODES.numberNode((Integer) duration) : value(metadata.path(column));
                // Last.fm's tags until a source gives "tags" itself
                case "tags" -> value(metadata.hasNonNull("tags") ? metadata.path("tags") : metadata.path("lastfm_tags"));
                case "sources_used" -> value(metadata.path("enrichment_sources"));
                // a confidence the merged metadata states wins (a curator's 1.0); else the weakest source's
                case "confidence" -> metadata.path("confidence").isNumber() ? metadata.path("confidence") : sourceConfidence;
                default -> value(metadata.path(column));
            });
        }
        return row;
    }

    private static JsonNode text(String own, JsonNode merged) {
        return own != null ? NODES.textNode(own) : merged.isTextual() ? merged : NullNode.getInstance();
    }

    private static JsonNode value(JsonNode v) {
        return v.isMissingNode() ? NullNode.getInstance() : v;
    }

    /** A value as one CSV field: text as it is, numbers as JSON writes them, lists joined by "; ", nothing as empty. */
    static String csv(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>(v.size());
            v.forEach(item -> items.add(csv(item)));
            return String.join("; ", items);
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
