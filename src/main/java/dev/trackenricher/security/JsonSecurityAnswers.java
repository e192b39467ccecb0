package dev.trackenricher.security;

import dev.trackenricher.api.JsonErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as JSON, like every other error of the API, with the Bearer challenge. */
public class JsonSecurityAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonErrors errors;

    public JsonSecurityAnswers(JsonErrors errors) {
        this.errors = errors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        boolean wrongToken = Boolean.TRUE.equals(request.getAttribute(BearerTokenFilter.INVALID_TOKEN));
        response.setHeader("WWW-Authenticate", wrongToken ? "Bearer realm=\"track-enricher\", error=\"invalid_token\""
                : "Bearer realm=\"track-enricher\"");
        errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, wrongToken
                ? "Authorization: the bearer token is not valid; nothing was changed"
                : "Authorization: this request needs 'Authorization: Bearer <token>' (the service's API token: "
                  + "enricher.security.api-token, or the token file the service generated); nothing was changed");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        errors.write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden: " + e.getMessage());
    }
}
