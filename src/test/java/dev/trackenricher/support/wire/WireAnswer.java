package dev.trackenricher.support.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer as an API sends it: status, content type, body and extra headers. Neutral about
 * who serves it: {@code ApiStubs} turns it into a WireMock response, the simulator sends it itself.
 */
public record WireAnswer(int status, String contentType, String body, Map<String, String> headers) {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String HTML = "text/html";

    public WireAnswer {
        headers = Map.copyOf(headers);
    }

    public static WireAnswer json(int status, String body) {
        return new WireAnswer(status, JSON, body, Map.of());
    }

    public static WireAnswer json(int status, JsonNode body) {
        return json(status, body.toString());
    }

    public static WireAnswer ok(JsonNode body) {
        return json(200, body);
    }

    public static WireAnswer html(int status, String body) {
        return new WireAnswer(status, HTML, body, Map.of());
    }

    /** The same answer with one more header (or this header replaced). */
    public WireAnswer header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new WireAnswer(status, contentType, body, h);
    }

    // --- what any of the APIs, or the proxy in front of it, answers when it is broken ---

    /** HTTP 500 with the HTML error page a web server sends. */
    public static WireAnswer serverErrorPage() {
        return html(500, "<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>");
    }

    /** HTTP 200 with an HTML page where JSON was expected. */
    public static WireAnswer maintenancePage() {
        return html(200, "<!DOCTYPE html><html><head><title>Down for maintenance</title></head>"
                + "<body><p>We'll be back shortly.</p></body></html>");
    }

    /** HTTP 504 from a gateway that gave up waiting. */
    public static WireAnswer gatewayTimeout() {
        return json(504, "{\"error\":\"gateway timeout\"}");
    }
}
