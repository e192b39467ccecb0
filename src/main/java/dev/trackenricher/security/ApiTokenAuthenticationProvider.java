package dev.trackenricher.security;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Checks a presented bearer token against the service's {@link ApiToken}. There is one principal,
 * the operator: whoever holds the token may change state. The principal's name is the token's name
 * ({@code enricher.security.api-token-name}, "api" unless set), which a track's history records as
 * who made a manual change. (Being a bean of this type also keeps Spring Boot from creating its
 * default user with a generated password.)
 */
public class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    /** The token's name when none is configured. */
    public static final String DEFAULT_NAME = "api";

    private final ApiToken token;
    private final String name;

    public ApiTokenAuthenticationProvider(ApiToken token, String name) {
        this.token = token;
        this.name = name == null || name.isBlank() ? DEFAULT_NAME : name.strip();
    }

    public ApiTokenAuthenticationProvider(ApiToken token) {
        this(token, DEFAULT_NAME);
    }

    @Override
    public Authentication authenticate(Authentication presented) throws AuthenticationException {
        Object credentials = presented.getCredentials();
        if (!(credentials instanceof String bearer) || !token.matches(bearer)) {
            throw new BadCredentialsException("the bearer token is not valid");
        }
        return UsernamePasswordAuthenticationToken.authenticated(name, null, List.of(new SimpleGrantedAuthority("ROLE_OPERATOR")));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PreAuthenticatedAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
