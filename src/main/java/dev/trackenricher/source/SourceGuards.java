package dev.trackenricher.source;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Each source's circuit breaker (resilience4j, one per source, shared by every exchange) and
 * rate limiter, plus the two ways a source can be held back by what it answered: a pause after a
 * Retry-After, and a stop after a configuration error (e.g. an invalid API key).
 *
 * <p>The limiter is Bucket4j on PostgreSQL rather than resilience4j's RateLimiter: resilience4j
 * refreshes permits per fixed cycle, so two permits can straddle a cycle boundary and reach the API
 * milliseconds apart, and its state lives in one JVM. A one-token bucket refilled greedily spaces
 * requests evenly, and its row in {@code rate_limit_bucket} is shared by every instance.
 */
@Component
public class SourceGuards {

    private static final Logger log = LoggerFactory.getLogger(SourceGuards.class);

    private final SourcesProperties properties;
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final Map<String, BucketProxy> buckets = new ConcurrentHashMap<>();
    private final Map<String, Pacer> pacers = new ConcurrentHashMap<>();
    private final Map<String, String> stopped = new ConcurrentHashMap<>();
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> disabledFeatures = new ConcurrentHashMap<>();

    public SourceGuards(SourcesProperties properties, LimitSettings limits, DataSource dataSource) {
        this.properties = properties;
        PostgreSQLSelectForUpdateBasedProxyManager<String> proxyManager = Bucket4jPostgreSQL
                .selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .build();
        properties.sources().forEach((source, settings) -> {
            breakers.circuitBreaker(source, breakerConfig(settings.breaker()));
            reopenOnFailureWhileHalfOpen(breakers.circuitBreaker(source));
            if (settings.rateLimitPerSecond() > 0) {
                Duration spacing = Duration.ofNanos(Math.round(1e9 / settings.rateLimitPerSecond() * (1 + limits.marginFor(source))));
                pacers.put(source, new Pacer(spacing.toNanos()));
                BucketConfiguration config = BucketConfiguration.builder()
                        .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, spacing).initialTokens(1).build())
                        .build();
                BucketProxy bucket = proxyManager.builder()
                        .withImplicitConfigurationReplacement(spacing.toNanos(), TokensInheritanceStrategy.RESET)
                        .build("source:" + source, () -> config);
                // create the bucket's row now, from one thread, rather than in a race of the first requests
                bucket.getAvailableTokens();
                buckets.put(source, bucket);
            }
        });
    }

    static CircuitBreakerConfig breakerConfig(BreakerSettings s) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(s.slidingWindowSize())
                .minimumNumberOfCalls(s.minimumNumberOfCalls())
                .failureRateThreshold(s.failureRateThreshold())
                .waitDurationInOpenState(s.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(s.permittedNumberOfCallsInHalfOpenState())
                // a "slow down" answer says nothing about the source's health
                .ignoreException(SourceGuards::isRateLimit)
                .build();
    }

    /** resilience4j closes a half-open breaker unless the failure rate reaches the threshold; we want every trial call to succeed. */
    private static void reopenOnFailureWhileHalfOpen(CircuitBreaker breaker) {
        breaker.getEventPublisher().onError(event -> {
            if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
                breaker.transitionToOpenState();
            }
        });
    }

    static boolean isRateLimit(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SourceRateLimitedException) {
                return true;
            }
        }
        return false;
    }

    public CircuitBreaker breaker(String source) {
        return breakers.find(source).orElseThrow(() -> new IllegalArgumentException("unknown source: " + source));
    }

    public CircuitBreakerRegistry breakers() {
        return breakers;
    }

    /**
     * True when the breaker is open and its open period has not elapsed. Asked before waiting for a
     * rate-limit permit, so a short-circuited attempt neither waits nor spends a permit.
     */
    public boolean shortCircuited(String source) {
        CircuitBreaker breaker = breaker(source);
        CircuitBreaker.State state = breaker.getState();
        if (state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN) {
            return false;
        }
        if (breaker.tryAcquirePermission()) {
            // the open period is over: the breaker is half-open now; give the trial slot back to the real call
            breaker.releasePermission();
            return false;
        }
        return true;
    }

    /**
     * Waits up to the source's max-permit-wait for a permit to send one request; false means
     * rate_limited. A pause (after a Retry-After, or an API's own "limit used up" signal) that ends
     * within the wait is waited out; one that ends later refuses at once.
     */
    public boolean acquirePermit(String source) throws InterruptedException {
        Duration wait = properties.settings(source).maxPermitWait();
        Instant deadline = Instant.now().plus(wait);
        Instant paused = pausedUntil.get(source);
        if (paused != null) {
            if (paused.isAfter(deadline)) {
                return false;
            }
            long sleepMs = Duration.between(Instant.now(), paused).toMillis();
            if (sleepMs > 0) {
                Thread.sleep(sleepMs);
            }
        }
        BucketProxy bucket = buckets.get(source);
        if (bucket == null) {
            return true;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        return bucket.asBlocking().tryConsume(1, left.isNegative() ? Duration.ZERO : left);
    }

    /**
     * Waits, after a permit, until this instance's previous request to the source is at least the
     * spacing ago (see {@link Pacer}). The shared permits stay where the bucket put them.
     */
    public void pace(String source) throws InterruptedException {
        Pacer pacer = pacers.get(source);
        if (pacer != null) {
            pacer.await();
        }
    }

    /** Tells the pacer when a permitted request left and how long its exchange took. */
    public void sent(String source, long startNanos, long elapsedNanos) {
        Pacer pacer = pacers.get(source);
        if (pacer != null) {
            pacer.sent(startNanos, elapsedNanos);
        }
    }

    /**
     * The shared bucket spaces the permits, but a request can reach the API later than its permit:
     * a thread that wakes late (a busy CPU, a GC pause), or the first exchange of the process (class
     * loading, the first connection). The next request would then arrive closer than the spacing. So
     * this instance also spaces its sends from its previous actual send, and keeps the send after its
     * first exchange later by that exchange's duration. Ordinary jitter is left to the spacing margin:
     * pushing sends back after every slow answer costs throughput and, with several instances, moves
     * this instance's send nearer another's permit.
     */
    static final class Pacer {

        private final long spacingNanos;
        private long next = Long.MIN_VALUE;
        private boolean warm;

        Pacer(long spacingNanos) {
            this.spacingNanos = spacingNanos;
        }

        synchronized void sent(long startNanos, long elapsedNanos) {
            // the first exchange of a process carries its cold start (class loading, JIT, the first
            // connection): assume all of it may have been delay, and keep the next send that much later
            if (!warm) {
                warm = true;
                next = Math.max(next, startNanos + spacingNanos + elapsedNanos);
            }
        }

        void await() throws InterruptedException {
            long waitNanos;
            synchronized (this) {
                long now = System.nanoTime();
                long at = next == Long.MIN_VALUE ? now : Math.max(now, next);
                next = at + spacingNanos;
                waitNanos = at - now;
            }
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        }
    }

    /** When the source is paused for longer than its max-permit-wait: until when (no request could leave in time). */
    public Optional<Instant> pausedBeyondWait(String source) {
        Instant paused = pausedUntil.get(source);
        if (paused == null || !paused.isAfter(Instant.now().plus(properties.settings(source).maxPermitWait()))) {
            return Optional.empty();
        }
        return Optional.of(paused);
    }

    public Optional<Instant> pausedUntil(String source) {
        return Optional.ofNullable(pausedUntil.get(source)).filter(i -> i.isAfter(Instant.now()));
    }

    /**
     * The source answered 429/503. Honour its Retry-After up to the cap by holding every permit back
     * (in the shared bucket, so other instances hold back too); beyond the cap, open the breaker.
     */
    public void onRateLimited(String source, Optional<Duration> retryAfter) {
        SourceSettings settings = properties.settings(source);
        Duration pause = retryAfter.orElse(Duration.ZERO);
        if (pause.compareTo(settings.retryAfterCap()) > 0) {
            log.warn("{} asked to wait {} s, above the cap of {} s: opening its breaker", source, pause.toSeconds(),
                    settings.retryAfterCap().toSeconds());
            breaker(source).transitionToOpenState();
            pause = settings.retryAfterCap();
        }
        pause(source, pause);
    }

    /**
     * Holds every request to a source back for {@code pause}: in this instance, and through the
     * shared bucket (put into debt) in every other one.
     */
    public void pause(String source, Duration pause) {
        if (pause.isZero() || pause.isNegative()) {
            return;
        }
        SourceSettings settings = properties.settings(source);
        pausedUntil.merge(source, Instant.now().plus(pause), (a, b) -> a.isAfter(b) ? a : b);
        BucketProxy bucket = buckets.get(source);
        if (bucket != null && settings.rateLimitPerSecond() > 0) {
            long tokens = (long) Math.ceil(pause.toMillis() / 1000.0 * settings.rateLimitPerSecond());
            bucket.consumeIgnoringRateLimits(Math.max(1, tokens));
        }
    }

    /** Switches one optional feature of a source off until a reset (e.g. Spotify audio features after a 403). */
    public void disableFeature(String source, String feature, String reason) {
        if (disabledFeatures.computeIfAbsent(source, s -> new ConcurrentHashMap<>()).putIfAbsent(feature, reason) == null) {
            log.warn("{}: {} switched off: {}", source, feature, reason);
        }
    }

    public boolean featureDisabled(String source, String feature) {
        return disabledFeatures.getOrDefault(source, Map.of()).containsKey(feature);
    }

    public Map<String, String> disabledFeatures(String source) {
        return Map.copyOf(disabledFeatures.getOrDefault(source, Map.of()));
    }

    /** Stops calling a source until restart or a breaker reset, e.g. after "invalid API key". */
    public void stop(String source, String reason) {
        if (stopped.put(source, reason) == null) {
            log.error("{} stopped: {}", source, reason);
        }
    }

    /** Lifts a stop without touching the breaker (the source's credentials changed: the stop was about the old ones). */
    public void liftStop(String source) {
        String reason = stopped.remove(source);
        if (reason != null) {
            log.info("{}: stop lifted, its credentials changed (it was stopped: {})", source, reason);
        }
    }

    public Optional<String> stoppedReason(String source) {
        return Optional.ofNullable(stopped.get(source));
    }

    /** Closes the breaker and lifts a stop, a pause or a switched-off feature (operators' reset). */
    public void reset(String source) {
        breaker(source).transitionToClosedState();
        stopped.remove(source);
        pausedUntil.remove(source);
        disabledFeatures.remove(source);
        BucketProxy bucket = buckets.get(source);
        if (bucket != null) {
            // a pause is also debt in the shared bucket; lifting the pause means clearing it there too
            bucket.reset();
        }
    }
}
