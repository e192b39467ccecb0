package dev.trackenricher.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The jsonb and text values of the status tables, written so that PostgreSQL always takes them. */
final class StatusJson {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper json;

    StatusJson(ObjectMapper json) {
        this.json = json;
    }

    /**
     * PostgreSQL's text and jsonb hold any character but NUL (U+0000); an API can send one (escaped
     * in JSON), and one such value must not fail the whole chunk's transaction. It is dropped.
     */
    static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
    }

    /** {@link #storable(String)} for every string in a metadata tree (keys too). */
    static Object storable(Object value) {
        if (value instanceof String s) {
            return storable(s);
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k instanceof String ks ? storable(ks) : k, storable(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(v -> out.add(storable(v)));
            return out;
        }
        return value;
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(storable(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata not serialisable", e);
        }
    }

    /** A source's stored data; unreadable data is an error (a re-merge must not silently lose it). */
    Map<String, Object> readMap(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable source data in enrichment_source_status", e);
        }
    }

    /** Any stored JSON value (a locked field's value): a map, a list, a string, a number, a boolean. */
    Object readValue(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable locked value in track_locks", e);
        }
    }

    /** A list shown to a reader; an unreadable one shows as empty. */
    List<String> readList(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return List.of(json.readValue(text, String[].class));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
