package dev.trackenricher.support.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Small helpers the wire classes share to build JSON trees: an optional value is left out, not sent as null. */
final class WireJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WireJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = array();
        values.forEach(a::add);
        return a;
    }

    static void putIfPresent(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    static void putIfPresent(ObjectNode o, String field, Integer value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    static void putIfPresent(ObjectNode o, String field, List<String> values) {
        if (values != null) {
            o.set(field, strings(values));
        }
    }
}
