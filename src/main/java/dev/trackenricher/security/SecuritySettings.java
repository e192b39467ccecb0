package dev.trackenricher.security;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Who may do what over HTTP ({@code enricher.security.*} in batch-config/security.yml). */
@ConfigurationProperties("enricher.security")
public record SecuritySettings(
        /* the bearer token every state-changing request must send; empty: one is generated into token-file */
        String apiToken,
        /* where a generated token is kept (readable by its owner only) and where the command line looks for it */
        @DefaultValue("data/api-token") Path tokenFile,
        /* GET/HEAD on the API (tracks, status, jobs, ...) without a token; false: they need it too */
        @DefaultValue("true") boolean openReads,
        /* GET /actuator/prometheus without a token (for a scraper); false: the scraper sends the token */
        @DefaultValue("true") boolean openMetrics,
        /* who the token's holder is in a track's history of manual changes */
        @DefaultValue(ApiTokenAuthenticationProvider.DEFAULT_NAME) String apiTokenName) {

    /** A configured token shorter than this is refused at start-up: a short secret is nearly no secret. */
    public static final int MIN_TOKEN_LENGTH = 16;
}
