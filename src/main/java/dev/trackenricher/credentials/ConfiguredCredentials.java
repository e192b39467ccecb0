package dev.trackenricher.credentials;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The credentials of each source's config block ({@code enricher.sources.<name>.client-id},
 * {@code client-secret}, {@code token}, {@code api-key}, from the environment), bound here on their
 * own: the rest of a block is the sources' business.
 */
@ConfigurationProperties("enricher")
public record ConfiguredCredentials(Map<String, Credentials> sources) {

    public ConfiguredCredentials {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }
}
