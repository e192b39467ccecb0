package dev.trackenricher.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulated API sends back, and how the request log should count it. */
record Answer(int status, String contentType, String body, Map<String, String> headers, String kind) {

    static Answer json(int status, String body, String kind) {
        return new Answer(status, "application/json; charset=utf-8", body, new LinkedHashMap<>(), kind);
    }

    Answer header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Answer(status, contentType, body, h, kind);
    }
}
