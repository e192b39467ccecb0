package dev.trackenricher.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One real PostgreSQL per test JVM (zonky's binaries from Maven), started on first use. */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static synchronized String jdbcUrl() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL for tests", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /**
     * A new, empty database on the same server, for a test that runs whole service instances (other
     * processes or contexts) and must not share tables with the test context. Returns its JDBC URL.
     */
    public static synchronized String newDatabase(String prefix) {
        jdbcUrl();
        String name = prefix + "_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        new org.springframework.jdbc.core.JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE DATABASE " + name);
        return postgres.getJdbcUrl("postgres", name);
    }

    /** A plain DataSource (no pool) on a JDBC URL of this server. */
    public static javax.sql.DataSource dataSource(String jdbcUrl) {
        org.springframework.jdbc.datasource.DriverManagerDataSource ds = new org.springframework.jdbc.datasource.DriverManagerDataSource(jdbcUrl);
        ds.setUsername("postgres");
        ds.setPassword("postgres");
        return ds;
    }
}
