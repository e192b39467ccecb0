package dev.trackenricher.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.credentials.ConfiguredCredentials;
import dev.trackenricher.credentials.CredentialStore;
import dev.trackenricher.credentials.CredentialsSettings;
import dev.trackenricher.credentials.Redactor;
import dev.trackenricher.source.Hint;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceClients;
import dev.trackenricher.source.SourceConfigurationException;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceRateLimitedException;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.breaker.SourceBreakers;
import dev.trackenricher.source.breaker.SourceStops;
import dev.trackenricher.source.limits.LimitSettings;
import dev.trackenricher.source.limits.RateLimits;
import dev.trackenricher.source.limits.SourceBudgets;
import dev.trackenricher.status.EnrichmentResult;
import dev.trackenricher.status.SourceAttempt;
import dev.trackenricher.status.TrackToEnrich;
import dev.trackenricher.support.TestDatabase;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.RecipientListDefinition;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The branch matrix, gate → breaker → call → fallback → record → hints, through the real fan-out
 * and branch routes (routes/enrich.yaml, routes/sources.yaml) in a slim context: the Camel test kit,
 * scripted sources instead of HTTP, the real breakers, limits, stops and credentials (on the test
 * PostgreSQL). Every outcome, the fan-out's timeout, a source running after another, and each kind
 * of hint applied to the next attempt.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = BranchRouteTest.Slim.class, properties = "spring.config.name=branch-routes")
class BranchRouteTest {

    @Configuration
    @ImportAutoConfiguration({CamelAutoConfiguration.class, DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class})
    @EnableConfigurationProperties({SourcesProperties.class, LimitSettings.class, SourceBudgets.class, CredentialsSettings.class, ConfiguredCredentials.class,
            RetrySettings.class, MergeSettings.class, ConsensusSettings.class})
    // scanned, not imported: the routes refer to the beans by their names (sourceGate, sourceCall, ...)
    @ComponentScan(basePackages = "dev.trackenricher", useDefaultFilters = false, includeFilters = @ComponentScan.Filter(
            type = FilterType.ASSIGNABLE_TYPE, classes = {EnrichmentPlanner.class, EnrichmentAssembler.class, BranchAggregator.class,
            FanoutConfiguration.class, TrackLogContext.class, SourceBranches.class, SourceGate.class, SourceCall.class, BranchFallback.class, SourceResultRecorder.class, SourceHints.class,
            LastSourceErrors.class, SourceClients.class, SourceBreakers.class, SourceStops.class, RateLimits.class, CredentialStore.class,
            SourceBatches.class, SourceBatchCall.class}))
    static class Slim {

        @Bean
        ScriptedSource fake() {
            return new ScriptedSource("fake", List.of("token"), Set.of());
        }

        @Bean
        ScriptedSource afterFake() {
            return new ScriptedSource("after-fake", List.of(), Set.of("fake"));
        }

        @Bean
        ScriptedSource disabled() {
            return new ScriptedSource("disabled", List.of(), Set.of());
        }

        @Bean
        ScriptedSource keyless() {
            return new ScriptedSource("keyless", List.of("api_key"), Set.of());
        }

        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabase.newDatabase("branches");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    private static boolean advised;

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    ScriptedSource fake;
    @Autowired
    ScriptedSource afterFake;
    @Autowired
    SourceBreakers breakers;
    @Autowired
    SourceStops stops;
    @Autowired
    RateLimits limits;
    @Autowired
    SourcesProperties sources;
    @EndpointInject("mock:fake-recorded")
    MockEndpoint fakeRecorded;

    @BeforeEach
    void adviseOnceAndStart() throws Exception {
        if (!advised) {
            // what the fake branch recorded: a mock before its last step (the sources that run after it)
            AdviceWith.adviceWith(camel, "source-fake", a -> a.weaveByType(RecipientListDefinition.class).selectLast().before()
                    .to("mock:fake-recorded"));
            camel.start();
            advised = true;
        }
        sources.sources().keySet().forEach(s -> {
            breakers.reset(s);
            stops.reset(s);
            limits.reset(s);
        });
        fake.reset();
        afterFake.reset();
        MockEndpoint.resetMocks(camel);
    }

    private EnrichmentResult enrich(String title) {
        TrackToEnrich track = new TrackToEnrich(UUID.randomUUID(), UUID.randomUUID(), "Artist", title, null, null, 200_000, 0, Map.of());
        return producer.requestBody("direct:enrich", track, EnrichmentResult.class);
    }

    private static Map<String, SourceAttempt> bySource(EnrichmentResult result) {
        return result.attempts().stream().collect(Collectors.toMap(SourceAttempt::source, a -> a));
    }

    @Test
    void foundGoesThroughTheBreakerToTheRecordAndTheSourceAfterItRunsAfterIt() throws Exception {
        fakeRecorded.expectedMessageCount(1);
        fake.answers(r -> {
            sleep(150);
            return SourceResult.found("fake", Map.of("title", r.title()), 0.97);
        });

        Map<String, SourceAttempt> attempts = bySource(enrich("Found"));

        assertThat(attempts.get("fake").outcome()).isEqualTo(Outcome.FOUND);
        assertThat(attempts.get("fake").confidence()).isEqualTo(0.97);
        assertThat(attempts.get("after-fake").outcome()).isEqualTo(Outcome.FOUND);
        assertThat(afterFake.calls()).singleElement().satisfies(c ->
                assertThat(c.startedNanos()).as("after-fake starts once fake has ended").isGreaterThan(fake.calls().get(0).endedNanos()));
        assertThat(attempts.get("disabled").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(attempts.get("disabled").error()).isEqualTo("disabled by configuration");
        assertThat(attempts.get("keyless").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(attempts.get("keyless").error()).isEqualTo("no credentials configured");
        fakeRecorded.assertIsSatisfied();
        assertThat(fakeRecorded.getExchanges().get(0).getMessage().getBody(SourceResult.class).outcome()).isEqualTo(Outcome.FOUND);
        assertThat(breakers.breaker("fake").getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void notFoundIsAnAnswerTheBreakerCountsAsASuccess() {
        fake.answers(r -> SourceResult.notFound("fake", "no such track"));

        SourceAttempt fakeAttempt = bySource(enrich("Unknown")).get("fake");

        assertThat(fakeAttempt.outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(fakeAttempt.error()).isEqualTo("no such track");
        assertThat(breakers.breaker("fake").getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void aFailureIsFailedAndCountedUntilTheBreakerOpensThenTheSourceIsShortCircuitedWithoutACall() {
        fake.answers(r -> {
            throw new SourceFailureException("HTTP 500 from fake: boom");
        });

        assertThat(bySource(enrich("One")).get("fake").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(bySource(enrich("Two")).get("fake").error()).isEqualTo("HTTP 500 from fake: boom");
        assertThat(breakers.breaker("fake").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        SourceAttempt third = bySource(enrich("Three")).get("fake");
        assertThat(third.outcome()).isEqualTo(Outcome.SHORT_CIRCUITED);
        assertThat(third.error()).isEqualTo("circuit breaker open for fake");
        assertThat(fake.calls()).as("no call while the breaker is open").hasSize(2);
    }

    @Test
    void anUnexpectedExceptionIsAFailureOfThatSourceOnly() {
        fake.answers(r -> {
            throw new IllegalStateException("a bug");
        });

        Map<String, SourceAttempt> attempts = bySource(enrich("Bug"));

        assertThat(attempts.get("fake").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(attempts.get("fake").error()).isEqualTo("unexpected IllegalStateException: a bug");
        assertThat(attempts.get("after-fake").outcome()).isEqualTo(Outcome.FOUND);
    }

    @Test
    void rateLimitedIsRetriableNotAFailureAndItsRetryAfterHoldsTheSourceBack() {
        fake.answers(r -> {
            throw new SourceRateLimitedException("HTTP 429 from fake: slow down", Duration.ofSeconds(3));
        });

        SourceAttempt first = bySource(enrich("Busy")).get("fake");

        assertThat(first.outcome()).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(breakers.breaker("fake").getMetrics().getNumberOfFailedCalls()).as("not counted by the breaker").isZero();
        assertThat(limits.pausedUntil("fake")).as("the Retry-After hint applied").isPresent();
        // within the 3 s (max-permit-wait 200 ms): held back by the gate, no call
        SourceAttempt second = bySource(enrich("Busy again")).get("fake");
        assertThat(second.outcome()).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(second.error()).startsWith("fake held back until");
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void aRetryAfterBeyondTheCapPausesTheSourceThatLongWithoutTouchingItsBreaker() {
        fake.answers(r -> {
            throw new SourceRateLimitedException("HTTP 429 from fake", Duration.ofHours(9));
        });
        // pauses are kept to the millisecond
        java.time.Instant asked = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        EnrichmentResult first = enrich("Way too busy");

        assertThat(bySource(first).get("fake").outcome()).isEqualTo(Outcome.RATE_LIMITED);
        // the whole 9 hours (not the 5 s cap), and the breaker neither opens nor later half-opens into the block
        assertThat(limits.pausedUntil("fake")).hasValueSatisfying(until ->
                assertThat(until).isBetween(asked.plus(Duration.ofHours(9)), java.time.Instant.now().plus(Duration.ofHours(9))));
        assertThat(limits.pause("fake").orElseThrow().reason()).isEqualTo("Retry-After: 32400 s, above the retry-after-cap of 5 s");
        assertThat(breakers.breaker("fake").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(first.decision().nextAttemptAt()).as("the track waits for the pause")
                .isAfterOrEqualTo(limits.pausedUntil("fake").orElseThrow());

        EnrichmentResult next = enrich("Next");
        assertThat(bySource(next).get("fake").outcome()).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(bySource(next).get("fake").error()).startsWith("fake held back until " + limits.pausedUntil("fake").orElseThrow()
                + " (Retry-After: 32400 s");
        assertThat(next.decision().nextAttemptAt()).isAfterOrEqualTo(limits.pausedUntil("fake").orElseThrow());
        assertThat(fake.calls()).as("no call, not even a trial, while paused").hasSize(1);
        assertThat(breakers.breaker("fake").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aPausedSourceIsRateLimitedBeforeItsBreakerIsAsked() {
        breakers.open("fake");
        limits.pauseUntil("fake", java.time.Instant.now().plus(Duration.ofHours(2)), "quota spent");

        SourceAttempt attempt = bySource(enrich("Paused")).get("fake");

        assertThat(attempt.outcome()).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(attempt.error()).contains("(quota spent)");
        assertThat(breakers.breaker("fake").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void aRefusedConfigurationFailsRedactedAndStopsTheSourceUntilReset() {
        fake.answers(r -> {
            throw new SourceConfigurationException("fake refused the token fake-token-SHOULD-NOT-LEAK (HTTP 401)");
        });

        SourceAttempt first = bySource(enrich("Refused")).get("fake");

        assertThat(first.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(first.error()).isEqualTo("fake refused the token " + Redactor.MASK + " (HTTP 401)");
        assertThat(stops.stoppedReason("fake")).as("the Stop hint applied, redacted").contains(first.error());
        SourceAttempt second = bySource(enrich("Refused again")).get("fake");
        assertThat(second.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(second.error()).isEqualTo("stopped: " + first.error());
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void aMissingPrerequisiteIsSkippedWithoutACall() {
        SourceAttempt attempt = bySource(enrich("unknowable track")).get("fake");

        assertThat(attempt.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(attempt.error()).isEqualTo("needs what this track lacks");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void aRefusedFeatureIsSwitchedOffForTheNextRequests() {
        fake.answers(r -> SourceResult.found("fake", Map.of("title", r.title(), "extras", !r.featureOff("extras")), 1.0)
                .with(Hint.featureOff("extras", "HTTP 403 from /extras")));

        SourceAttempt first = bySource(enrich("First")).get("fake");
        SourceAttempt second = bySource(enrich("Second")).get("fake");

        assertThat(first.data()).containsEntry("extras", true);
        assertThat(stops.featuresOff("fake")).containsEntry("extras", "HTTP 403 from /extras");
        assertThat(second.data()).as("the second request says the feature is off").containsEntry("extras", false);
        assertThat(second.outcome()).isEqualTo(Outcome.FOUND);
    }

    @Test
    void aSourceThatDoesNotAnswerInTimeIsFailedByTheFanOutsTimeoutAndTheTrackIsNotHeldUp() {
        fake.answers(r -> {
            sleep(4000);
            return SourceResult.found("fake", Map.of("title", r.title()), 1.0);
        });

        long start = System.nanoTime();
        Map<String, SourceAttempt> attempts = bySource(enrich("Slow"));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(attempts.get("fake").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(attempts.get("fake").error()).isEqualTo("no answer within the fan-out timeout of 1500 ms");
        assertThat(attempts.get("after-fake").outcome()).as("it would have run after fake").isEqualTo(Outcome.FAILED);
        assertThat(tookMs).as("the fan-out's timeout, not the source's 4 s").isBetween(1400L, 3500L);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
