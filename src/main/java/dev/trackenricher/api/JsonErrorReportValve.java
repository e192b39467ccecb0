package dev.trackenricher.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error page, for what it refuses before any filter or servlet runs (a URL with an
 * encoded slash or an illegal character, a malformed request line): JSON like every other answer,
 * instead of Tomcat's HTML page. Nothing of the request is echoed.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        java.util.concurrent.atomic.AtomicBoolean io = new java.util.concurrent.atomic.AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, io);
        if (!io.get()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
            String reason = status == 400 ? "bad request: the URL or request line is malformed"
                    : known == null ? null : known.getReasonPhrase();
            try (Writer writer = response.getReporter()) {
                if (writer != null) {
                    writer.write("{\"error\":\"" + (reason == null ? "HTTP " + status : reason.replace("\"", "'")) + "\"}");
                }
            }
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing left to answer
        }
    }
}
