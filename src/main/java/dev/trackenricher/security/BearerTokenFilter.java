package dev.trackenricher.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>} and, when the token is the service's, lets the request
 * through as the operator. A missing or wrong token leaves the request anonymous: what it may do then
 * is the filter chain's rules' business (a wrong token is remembered, so the 401 can say so).
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    static final String INVALID_TOKEN = BearerTokenFilter.class.getName() + ".invalid";
    private static final String SCHEME = "Bearer ";

    private final ApiTokenAuthenticationProvider provider;

    public BearerTokenFilter(ApiTokenAuthenticationProvider provider) {
        this.provider = provider;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            String presented = header.substring(SCHEME.length()).strip();
            try {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(provider.authenticate(new PreAuthenticatedAuthenticationToken("bearer", presented)));
                SecurityContextHolder.setContext(context);
            } catch (AuthenticationException wrong) {
                request.setAttribute(INVALID_TOKEN, Boolean.TRUE);
            }
        }
        chain.doFilter(request, response);
    }
}
