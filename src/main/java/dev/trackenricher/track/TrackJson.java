package dev.trackenricher.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.api.ApiException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Reads the body of POST /tracks: a JSON array of tracks, every problem reported at once. */
final class TrackJson {

    private static final int MAX_ERRORS = 100;

    private TrackJson() {
    }

    static List<NewTrack> parse(String body, ObjectMapper json, int maxTracks) {
        JsonNode root;
        try {
            // a key given twice would otherwise silently keep the last value, and text after the array be ignored
            root = json.reader().with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || root.isMissingNode() || !root.isArray()) {
            throw ApiException.badRequest("body: must be a JSON array of tracks, e.g. [{\"artist_name\": \"…\", \"title\": \"…\"}]");
        }
        if (root.isEmpty()) {
            throw ApiException.badRequest("body: the array holds no tracks");
        }
        if (root.size() > maxTracks) {
            throw ApiException.badRequest("body: " + root.size() + " tracks in one request; at most " + maxTracks);
        }
        List<String> errors = new ArrayList<>();
        List<NewTrack> tracks = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            NewTrack t = track(root.get(i), "tracks[" + i + "].", errors);
            if (t != null) {
                tracks.add(t);
            }
        }
        if (!errors.isEmpty()) {
            List<String> shown = errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
            throw ApiException.badRequest(errors.size() + " problem(s) in the request; nothing was stored: " + shown.get(0), shown);
        }
        return tracks;
    }

    private static NewTrack track(JsonNode node, String where, List<String> errors) {
        if (!node.isObject()) {
            errors.add(where.substring(0, where.length() - 1) + ": must be an object");
            return null;
        }
        int before = errors.size();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TrackValidator.FIELDS.contains(name)) {
                errors.add(where + name + ": unknown field (expected " + String.join(", ", TrackValidator.FIELDS) + ")");
            }
        }
        String artist = TrackValidator.requiredText(where, "artist_name", string(node, "artist_name", where, errors), errors);
        String title = TrackValidator.requiredText(where, "title", string(node, "title", where, errors), errors);
        String isrc = TrackValidator.isrc(where, string(node, "isrc", where, errors), errors);
        String spotifyId = TrackValidator.spotifyId(where, string(node, "spotify_id", where, errors), errors);
        Integer duration = TrackValidator.durationMs(where, integer(node, "duration_ms", where, errors), errors);
        return errors.size() == before ? new NewTrack(artist, title, isrc, spotifyId, duration) : null;
    }

    private static String string(JsonNode node, String field, String where, List<String> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(where + field + ": must be a string, got " + v.getNodeType().name().toLowerCase());
            return null;
        }
        return v.asText();
    }

    private static Long integer(JsonNode node, String field, String where, List<String> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            errors.add(where + field + ": must be a whole number of milliseconds, got " + v.toString());
            return null;
        }
        return v.asLong();
    }
}
