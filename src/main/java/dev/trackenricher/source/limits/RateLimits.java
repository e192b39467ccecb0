package dev.trackenricher.source.limits;

import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceRateLimitedException;
import dev.trackenricher.source.SourceSettings;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.http.Transport;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Each source's rate limit: a permit for every request that leaves, shared by every thread and
 * every instance; this instance's own spacing of its sends ({@link Pacer}); and pauses, when an API
 * said to wait ({@code Retry-After}) or its own budget is used up.
 *
 * <p>The permits are a Bucket4j bucket on PostgreSQL rather than resilience4j's RateLimiter:
 * resilience4j refreshes permits per fixed cycle, so two permits can straddle a cycle boundary and
 * reach the API milliseconds apart, and its state lives in one JVM. A one-token bucket refilled
 * greedily spaces requests evenly ({@code 1 / rate × (1 + margin)}), and its row in
 * {@code rate_limit_bucket} is shared by every instance. A pause is written into the bucket too (as
 * debt), so the other instances hold back as well.
 */
@Component
public class RateLimits {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    /** One source's limit. */
    private static final class Limit {
        final String source;
        final SourceSettings settings;
        final BucketProxy bucket;
        final Pacer pacer;
        final AtomicReference<Instant> pausedUntil = new AtomicReference<>();

        Limit(String source, SourceSettings settings, BucketProxy bucket, Pacer pacer) {
            this.source = source;
            this.settings = settings;
            this.bucket = bucket;
            this.pacer = pacer;
        }
    }

    private final Map<String, Limit> limits = new TreeMap<>();

    public RateLimits(SourcesProperties properties, LimitSettings margins, DataSource dataSource) {
        PostgreSQLSelectForUpdateBasedProxyManager<String> proxyManager = Bucket4jPostgreSQL
                .selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .build();
        properties.sources().forEach((source, settings) -> {
            BucketProxy bucket = null;
            Pacer pacer = null;
            if (settings.rateLimitPerSecond() > 0) {
                Duration spacing = Duration.ofNanos(Math.round(1e9 / settings.rateLimitPerSecond() * (1 + margins.marginFor(source))));
                pacer = new Pacer(spacing.toNanos());
                BucketConfiguration config = BucketConfiguration.builder()
                        .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, spacing).initialTokens(1).build())
                        .build();
                bucket = proxyManager.builder()
                        .withImplicitConfigurationReplacement(spacing.toNanos(), TokensInheritanceStrategy.RESET)
                        .build("source:" + source, () -> config);
                // create the bucket's row now, from one thread, rather than in a race of the first requests
                bucket.getAvailableTokens();
            }
            limits.put(source, new Limit(source, settings, bucket, pacer));
        });
    }

    private Limit limit(String source) {
        Limit limit = limits.get(source);
        if (limit == null) {
            throw new IllegalArgumentException("unknown source: " + source);
        }
        return limit;
    }

    /**
     * The source's requests through {@code next}, each once a permit is granted and this
     * instance's spacing kept; no permit within {@code max-permit-wait} makes it rate_limited. The
     * permit is taken per request, not per track: a fetch may send several, a batch request serving
     * many tracks sends one, and an answer from the cache none (the cache sits in front of this).
     */
    public Transport permitted(String source, Transport next) {
        Limit limit = limit(source);
        if (limit.bucket == null) {
            return request -> {
                awaitPause(limit);
                return next.send(request);
            };
        }
        return request -> {
            acquire(limit);
            // when each permit was granted, to check the limiter across instances (DEBUG: off unless asked for)
            log.debug("{}: rate-limit permit granted", source);
            try {
                limit.pacer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceFailureException(source + " call interrupted while pacing its requests");
            }
            long start = System.nanoTime();
            try {
                return next.send(request);
            } finally {
                limit.pacer.sent(start, System.nanoTime() - start);
            }
        };
    }

    private static void awaitPause(Limit limit) {
        Instant paused = limit.pausedUntil.get();
        if (paused == null) {
            return;
        }
        Instant deadline = Instant.now().plus(limit.settings.maxPermitWait());
        if (paused.isAfter(deadline)) {
            throw notInTime(limit);
        }
        sleepUntil(limit, paused);
    }

    private static void sleepUntil(Limit limit, Instant until) {
        long sleepMs = Duration.between(Instant.now(), until).toMillis();
        if (sleepMs > 0) {
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceFailureException(limit.source + " call interrupted while waiting for a rate-limit permit");
            }
        }
    }

    /**
     * Waits up to the source's max-permit-wait for a permit to send one request. A pause that ends
     * within the wait is waited out; one that ends later refuses at once.
     */
    private void acquire(Limit limit) {
        Duration wait = limit.settings.maxPermitWait();
        Instant deadline = Instant.now().plus(wait);
        Instant paused = limit.pausedUntil.get();
        if (paused != null) {
            if (paused.isAfter(deadline)) {
                throw notInTime(limit);
            }
            sleepUntil(limit, paused);
        }
        boolean permitted;
        try {
            Duration left = Duration.between(Instant.now(), deadline);
            permitted = limit.bucket.asBlocking().tryConsume(1, left.isNegative() ? Duration.ZERO : left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceFailureException(limit.source + " call interrupted while waiting for a rate-limit permit");
        } catch (RuntimeException limiterUnreachable) {
            // the limit is kept in PostgreSQL for every instance: without it no request may leave, and
            // that is no fault of the API (retriable, not counted by its breaker)
            throw new SourceRateLimitedException("no rate-limit permit for " + limit.source + ": the shared limiter is unreachable ("
                    + limiterUnreachable.getClass().getSimpleName() + ")", null);
        }
        if (!permitted) {
            throw notInTime(limit);
        }
    }

    private static SourceRateLimitedException notInTime(Limit limit) {
        return new SourceRateLimitedException("no rate-limit permit for " + limit.source + " within "
                + limit.settings.maxPermitWait().toMillis() + " ms", null);
    }

    /**
     * The API said to wait ({@code Retry-After}): every request of the source is held back that
     * long, up to its {@code retry-after-cap}. Returns whether the wait was beyond the cap (then the
     * source is held back for the cap only, and its breaker should open).
     */
    public boolean retryAfter(String source, Duration wait) {
        SourceSettings settings = limit(source).settings;
        if (wait.compareTo(settings.retryAfterCap()) > 0) {
            log.warn("{} asked to wait {} s, above the cap of {} s", source, wait.toSeconds(), settings.retryAfterCap().toSeconds());
            pause(source, settings.retryAfterCap());
            return true;
        }
        pause(source, wait);
        return false;
    }

    /**
     * Holds every request to a source back for {@code pause}: in this instance, and through the
     * shared bucket (put into debt) in every other one.
     */
    public void pause(String source, Duration pause) {
        if (pause.isZero() || pause.isNegative()) {
            return;
        }
        Limit limit = limit(source);
        Instant until = Instant.now().plus(pause);
        limit.pausedUntil.accumulateAndGet(until, (a, b) -> a == null || b.isAfter(a) ? b : a);
        if (limit.bucket != null) {
            long tokens = (long) Math.ceil(pause.toMillis() / 1000.0 * limit.settings.rateLimitPerSecond());
            limit.bucket.consumeIgnoringRateLimits(Math.max(1, tokens));
        }
    }

    /** Holds the source back until then (the API's own budget is used up). */
    public void pauseUntil(String source, Instant until) {
        pause(source, Duration.between(Instant.now(), until));
    }

    public Optional<Instant> pausedUntil(String source) {
        return Optional.ofNullable(limit(source).pausedUntil.get()).filter(i -> i.isAfter(Instant.now()));
    }

    /** When the source is paused for longer than its max-permit-wait: until when (no request could leave in time). */
    public Optional<Instant> pausedBeyondWait(String source) {
        Limit limit = limit(source);
        Instant paused = limit.pausedUntil.get();
        if (paused == null || !paused.isAfter(Instant.now().plus(limit.settings.maxPermitWait()))) {
            return Optional.empty();
        }
        return Optional.of(paused);
    }

    /** Lifts a pause, here and as debt in the shared bucket (an operator's reset). */
    public void reset(String source) {
        Limit limit = limit(source);
        limit.pausedUntil.set(null);
        if (limit.bucket != null) {
            limit.bucket.reset();
        }
    }
}
