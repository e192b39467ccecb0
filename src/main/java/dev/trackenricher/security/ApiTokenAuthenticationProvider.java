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
 * the operator: whoever holds the token may change state. (Being a bean of this type also keeps
 * Spring Boot from creating its default user with a generated password.)
 */
public class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    public static final String OPERATOR = "operator";

    private final ApiToken token;

    public ApiTokenAuthenticationProvider(ApiToken token) {
        this.token = token;
    }

    @Override
    public Authentication authenticate(Authentication presented) throws AuthenticationException {
        Object credentials = presented.getCredentials();
        if (!(credentials instanceof String bearer) || !token.matches(bearer)) {
            throw new BadCredentialsException("the bearer token is not valid");
        }
        return UsernamePasswordAuthenticationToken.authenticated(OPERATOR, null, List.of(new SimpleGrantedAuthority("ROLE_OPERATOR")));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PreAuthenticatedAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
