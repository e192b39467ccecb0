package dev.trackenricher.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON request bodies for the service's REST API, written by Jackson: a name with a quote, a
 * backslash or a control character stays valid JSON (string concatenation would not).
 */
public final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBody() {
    }

    /** {@code POST /tracks}: {@code [{"artist_name", "title", "duration_ms"}, …]} of these tracks. */
    public static String tracks(List<TestTrack> tracks) {
        return of(tracks.stream().map(t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("artist_name", t.artist());
            row.put("title", t.title());
            row.put("duration_ms", t.durationMs());
            return row;
        }).toList());
    }

    /** Any value as JSON: a map or list as an object or array, a string quoted and escaped. */
    public static String of(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + value, e);
        }
    }
}
