package dev.trackenricher.curation;

import dev.trackenricher.security.ApiTokenAuthenticationProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who makes a manual change: the name of the token the request was authenticated with (the REST
 * threads carry the caller's authentication), or "api" when there is none to name.
 */
public final class Curator {

    private Curator() {
    }

    public static String current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken || a.getName() == null || a.getName().isBlank()) {
            return ApiTokenAuthenticationProvider.DEFAULT_NAME;
        }
        return a.getName();
    }
}
