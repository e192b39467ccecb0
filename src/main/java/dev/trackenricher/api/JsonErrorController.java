package dev.trackenricher.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet's error page (unknown path, method not allowed, a request the firewall refused, an
 * error thrown before a route ran): always JSON, whatever the client accepts, never Spring Boot's
 * HTML "Whitelabel" page. Written to the response directly, so no content negotiation can turn it
 * into another error.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class JsonErrorController implements ErrorController {

    private final JsonErrors errors;

    public JsonErrorController(JsonErrors errors) {
        this.errors = errors;
    }

    @RequestMapping("${server.error.path:/error}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus() >= 400 ? response.getStatus() : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String what = request.getMethod() + " " + (uri == null ? request.getRequestURI() : uri);
        errors.write(response, status, switch (status) {
            case 404 -> "no such endpoint: " + what;
            case 405 -> "method not allowed: " + what;
            case 406 -> "not acceptable: " + what + " answers application/json only (Accept)";
            case 415 -> "unsupported Content-Type for " + what + "; send application/json";
            case 500 -> "internal error; see the service log";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield (known == null ? "HTTP " + status : known.getReasonPhrase()) + ": " + what;
            }
        });
    }
}
