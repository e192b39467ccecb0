package dev.trackenricher.source;

import java.util.Optional;

/**
 * One public API. {@link #fetch} returns found / not_found, or throws: {@link SourceFailureException}
 * for a failure (counts toward the breaker), {@link SourceRateLimitedException} for a 429/503 or an
 * API-level rate-limit answer (does not count). The route around it does the rest.
 */
public interface SourceClient {

    /** The source's name: its config block, its route, its column value. */
    String name();

    /** Whether the credentials this source needs are configured. */
    boolean credentialsPresent();

    /**
     * The credentials this source takes ({@link SourceCredentials#NAMES}), which
     * {@code PUT /sources/{name}/credentials} may set; none for a source without a key.
     */
    default java.util.List<String> credentialNames() {
        return java.util.List.of();
    }

    /** Why this track can't be asked yet (e.g. a describe-phase source lacking an id), if so. */
    default Optional<String> missingPrerequisite(SourceRequest request) {
        return Optional.empty();
    }

    SourceResult fetch(SourceRequest request);
}
