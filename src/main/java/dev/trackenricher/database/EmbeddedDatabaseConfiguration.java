package dev.trackenricher.database;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default database: when {@code spring.datasource.url} (SPRING_DATASOURCE_URL) is not set, an
 * embedded PostgreSQL with its data under the working directory. With a URL, this stays out of the
 * way and Spring Boot connects to that server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    public EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseSettings settings) throws IOException {
        return EmbeddedDatabase.startOrJoin(settings);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource ds = new HikariDataSource();
        ds.setDriverClassName("org.postgresql.Driver");
        ds.setJdbcUrl(database.jdbcUrl());
        ds.setUsername("postgres");
        return ds;
    }
}
