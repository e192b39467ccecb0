package dev.trackenricher.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tolerant reads of API JSON: numbers may arrive as strings, fields may be missing or null, arrays
 * may be empty or a single object. Nothing here throws on a shape it did not expect.
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return Optional.empty();
        }
        String s = v.asText().trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    public static Optional<Long> integer(JsonNode node, String field) {
        return text(node, field).flatMap(JsonFields::parseLong);
    }

    public static Optional<Double> decimal(JsonNode node, String field) {
        return text(node, field).flatMap(s -> {
            try {
                double d = Double.parseDouble(s);
                return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public static Optional<Boolean> bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isBoolean() ? Optional.of(v.asBoolean()) : Optional.empty();
    }

    /** The elements of an array field; a lone object counts as one element. */
    public static List<JsonNode> array(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(out::add);
        } else if (v.isObject()) {
            out.add(v);
        }
        return out;
    }

    /** The texts of an array of strings (or of objects' {@code field}). */
    public static List<String> texts(JsonNode node, String arrayField, String elementField) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : array(node, arrayField)) {
            if (elementField == null) {
                if (e.isValueNode() && !e.asText().isBlank()) {
                    out.add(e.asText().trim());
                }
            } else {
                text(e, elementField).ifPresent(out::add);
            }
        }
        JsonNode v = node == null ? null : node.get(arrayField);
        if (elementField == null && v != null && v.isTextual() && !v.asText().isBlank()) {
            out.add(v.asText().trim());
        }
        return out;
    }

    public static Optional<JsonNode> object(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isObject() ? Optional.of(v) : Optional.empty();
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(s);
                return Double.isFinite(d) ? Optional.of(Math.round(d)) : Optional.empty();
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
    }
}
