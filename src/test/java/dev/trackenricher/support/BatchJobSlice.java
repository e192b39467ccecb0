package dev.trackenricher.support;

import com.zaxxer.hikari.HikariDataSource;
import dev.trackenricher.batch.EnrichJobConfiguration;
import dev.trackenricher.batch.EnrichRunLock;
import dev.trackenricher.batch.RunDemands;
import dev.trackenricher.batch.reprocess.ReprocessJobConfiguration;
import dev.trackenricher.batch.reprocess.ReprocessResults;
import dev.trackenricher.enrich.EnrichmentAssembler;
import dev.trackenricher.enrich.EnrichmentPlanner;
import dev.trackenricher.ops.TrackResultMetrics;
import dev.trackenricher.review.ReviewItems;
import dev.trackenricher.review.ReviewQueue;
import dev.trackenricher.source.limits.RateLimits;
import dev.trackenricher.status.TrackStatusRepository;
import dev.trackenricher.track.TrackRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.batch.BatchAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The two jobs and the status repository on a real PostgreSQL, without the web server, the REST
 * routes or the source clients: {@code enrichJob} and {@code reprocessJob} as configured, their
 * repositories, the planner and assembler, and {@link ScriptedFanout} playing {@code direct:enrich}.
 * With {@code @SpringBatchTest}: {@code JobLauncherTestUtils} (set its job, there are two),
 * {@code JobRepositoryTestUtils}, and step and job scope around each test method. The database is
 * its own (created for this context), so a test may remove every job execution it finds.
 * Every test class with this annotation shares one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBatchTest
@SpringBootTest(classes = BatchJobSlice.Context.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
public @interface BatchJobSlice {

    // not a @Configuration: the service's component scan (which sees the test classes) must never pick it up
    @ImportAutoConfiguration({DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class, BatchAutoConfiguration.class,
            JacksonAutoConfiguration.class})
    // every settings record binds as in the service (batch, retry, merge, sources), whichever package it lives in
    @ConfigurationPropertiesScan("dev.trackenricher")
    @Import({EnrichJobConfiguration.class, RunDemands.class, EnrichRunLock.class, ReprocessJobConfiguration.class, ReprocessResults.class,
            TrackStatusRepository.class, TrackRepository.class, EnrichmentPlanner.class, EnrichmentAssembler.class, RateLimits.class,
            TrackResultMetrics.class, ReviewQueue.class, ReviewItems.class})
    class Context {

        @Bean(destroyMethod = "close")
        HikariDataSource dataSource() {
            HikariDataSource ds = new HikariDataSource();
            ds.setJdbcUrl(TestDatabase.newDatabase("batch_jobs"));
            ds.setUsername("postgres");
            ds.setPassword("postgres");
            ds.setMaximumPoolSize(8);
            return ds;
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ScriptedFanout scriptedFanout() {
            return new ScriptedFanout();
        }

        @Bean(destroyMethod = "stop")
        CamelContext camelContext(ScriptedFanout fanout, EnrichmentPlanner planner, EnrichmentAssembler assembler) throws Exception {
            CamelContext camel = new DefaultCamelContext();
            camel.addRoutes(fanout.route(planner, assembler));
            camel.start();
            return camel;
        }

        @Bean(destroyMethod = "stop")
        ProducerTemplate producerTemplate(CamelContext camel) {
            return camel.createProducerTemplate();
        }
    }
}
