package dev.trackenricher.database;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The embedded PostgreSQL used when no {@code spring.datasource.url} is set. */
@ConfigurationProperties("enricher.embedded-db")
public record EmbeddedDatabaseSettings(
        /* its data survives restarts here */
        @DefaultValue("data/postgres") Path dataDir,
        /* fixed, so the CLI modes of the jar reach the running service's database */
        @DefaultValue("54329") int port,
        @DefaultValue("60s") Duration startupWait,
        /* a server whose owner died (kill -9) is taken over and stopped at this process's shutdown; false in the CLI modes */
        @DefaultValue("true") boolean adoptOrphan,
        /* how long stopping a taken-over server may take */
        @DefaultValue("60s") Duration stopWait) {
}
