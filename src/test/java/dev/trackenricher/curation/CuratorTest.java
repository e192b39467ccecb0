package dev.trackenricher.curation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.security.ApiTokenAuthenticationProvider;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/** Who a manual change is by: the name of the token the request came with (enricher.security.api-token-name), else "api". */
class CuratorTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theTokensNameOrApi() {
        assertThat(Curator.current()).as("no authentication").isEqualTo("api");
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("k", "anonymousUser",
                List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))));
        assertThat(Curator.current()).as("anonymous").isEqualTo("api");

        ApiTokenAuthenticationProvider named = new ApiTokenAuthenticationProvider(tokenOf("curator-token-of-anna-0123"), "anna");
        SecurityContextHolder.getContext().setAuthentication(named.authenticate(
                new PreAuthenticatedAuthenticationToken("bearer", "curator-token-of-anna-0123")));
        assertThat(Curator.current()).isEqualTo("anna");

        ApiTokenAuthenticationProvider unnamed = new ApiTokenAuthenticationProvider(tokenOf("curator-token-of-anna-0123"), " ");
        SecurityContextHolder.getContext().setAuthentication(unnamed.authenticate(
                new PreAuthenticatedAuthenticationToken("bearer", "curator-token-of-anna-0123")));
        assertThat(Curator.current()).isEqualTo("api");
    }

    private static dev.trackenricher.security.ApiToken tokenOf(String token) {
        return dev.trackenricher.security.ApiToken.forService(new dev.trackenricher.security.SecuritySettings(token,
                java.nio.file.Path.of("unused"), true, true, "ignored"));
    }
}
