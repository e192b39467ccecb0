package dev.trackenricher.curation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.api.ApiException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the body of PATCH /tracks/{id}: a JSON object of fields to set, every problem reported at once. */
final class CorrectionJson {

    private CorrectionJson() {
    }

    static Map<CorrectableField, Object> parse(String body, ObjectMapper json) {
        JsonNode root = object(body, json, "{\"bpm\": 128, \"key\": \"A minor\"}");
        if (root.isEmpty()) {
            throw ApiException.badRequest("body: names no field to set (a person may set " + String.join(", ", CorrectableField.names()) + ")");
        }
        List<String> errors = new ArrayList<>();
        Map<CorrectableField, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> e = fields.next();
            Optional<CorrectableField> field = CorrectableField.named(e.getKey());
            if (field.isEmpty()) {
                errors.add(CorrectableField.unknown(e.getKey()));
                continue;
            }
            Object value = field.get().read(e.getValue(), errors);
            if (value != null) {
                values.put(field.get(), value);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors.size() + " problem(s) in the request; nothing was changed: " + errors.get(0), errors);
        }
        return values;
    }

    /** A body that must be one JSON object (no key twice, nothing after it). */
    static JsonNode object(String body, ObjectMapper json, String example) {
        JsonNode root;
        try {
            root = json.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw ApiException.badRequest("body: must be a JSON object, e.g. " + example);
        }
        return root;
    }
}
