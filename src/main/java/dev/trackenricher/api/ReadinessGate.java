package dev.trackenricher.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Until the service is ready, every request gets {@code 503} with a JSON reason, not a {@code 404}.
 * Tomcat accepts connections before Camel has started the REST routes (they start last), so without
 * this the port answers "no such endpoint" for every REST path for about a second after start-up, and
 * again while they stop at shutdown. Ready is Spring Boot's readiness state (ACCEPTING_TRAFFIC once the
 * context, Camel included, has started; REFUSING_TRAFFIC again when it closes), the same state
 * {@code /actuator/health/readiness} reports: so {@code /actuator/**} passes, and Spring Boot answers
 * its probes itself. Runs after authentication (a state-changing request without the token is still a 401)
 * and before any body is read.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 1)
public class ReadinessGate extends OncePerRequestFilter {

    private static final String ACTUATOR = "/actuator";

    private final ApplicationAvailability availability;
    private final JsonErrors errors;
    private final String retryAfterSeconds;
    private volatile boolean wasReady;

    public ReadinessGate(ApplicationAvailability availability, JsonErrors errors,
                         @Value("${enricher.api.not-ready-retry-after:1s}") Duration retryAfter) {
        this.availability = availability;
        this.errors = errors;
        this.retryAfterSeconds = Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
            wasReady = true;
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/")) {
            chain.doFilter(request, response);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "OUT_OF_SERVICE");
        body.put("error", wasReady
                ? "not ready: the service is shutting down"
                : "not ready: the service is starting (its REST routes are not started yet); retry in a moment");
        response.setHeader("Retry-After", retryAfterSeconds);
        errors.write(response, 503, body);
    }
}
