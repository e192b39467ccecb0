package dev.trackenricher.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes an error answer straight to the servlet response, for the answers given before a request
 * reaches a route (authentication, request size and type, unknown paths): the same
 * {@code {"error": "..."}} shape as {@link ApiResponder#error}.
 */
@Component
public class JsonErrors {

    private final ObjectMapper json;

    public JsonErrors(ObjectMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, Map.of("error", message));
    }

    /** An answer with more fields than the error, e.g. a {@code status} a probe reads. */
    void write(HttpServletResponse response, int status, Map<String, ?> body) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] bytes = json.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
