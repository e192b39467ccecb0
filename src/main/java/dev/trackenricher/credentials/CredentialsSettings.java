package dev.trackenricher.credentials;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How soon credentials set over the API reach every instance: the table is read at most this often
 * ({@code enricher.security.credentials-refresh} in batch-config/security.yml).
 */
@ConfigurationProperties("enricher.security")
public record CredentialsSettings(@DefaultValue("10s") Duration credentialsRefresh) {
}
