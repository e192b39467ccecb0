package dev.trackenricher.source.limits;

import dev.trackenricher.source.Hint;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceRateLimitedException;
import dev.trackenricher.source.SourceSettings;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.http.Transport;
import dev.trackenricher.source.limits.SourceBudgets.Budget;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Each source's rate limit: its requests spaced {@code 1 / rate × (1 + margin)} apart across every
 * thread and every instance, each taking its slot as it leaves ({@link SendSpacing}, state in
 * {@code source_send_spacing}); pauses, when an API said to wait or its quota is spent; and an
 * optional budget.
 *
 * <p>A pause is a time, "until T" ({@code source_pause}, {@link SourcePauses}): every request of the
 * source waits for it, or, when it ends beyond the permit wait, does not leave at all (rate_limited,
 * carrying the pause so the track is not asked again before it ends). Several answers asking for a
 * pause at once make one pause, until the latest of them, never a sum. No trial call goes out while a
 * source is paused.
 */
@Component
public class RateLimits implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    /** One source's limit; {@code spacing} null when it has none (rate 0). */
    private record Limit(String source, SourceSettings settings, SendSpacing spacing) {
    }

    /** What /health says of a source's limit. */
    public record View(double perSecond, Duration spacing, boolean strict, Optional<Budget> budget, Optional<Integer> budgetUsed,
                       Optional<Instant> budgetSeenAt) {
    }

    private final Map<String, Limit> limits = new TreeMap<>();
    private final LimitSettings settings;
    private final SourcePauses pauses;
    private final Budgets budgets;

    @Autowired
    public RateLimits(SourcesProperties properties, LimitSettings settings, SourceBudgets budgets, DataSource dataSource) {
        this.settings = settings;
        this.pauses = new SourcePauses(dataSource, settings.pauseRefresh());
        this.budgets = new Budgets(dataSource, budgets);
        properties.sources().forEach((source, s) -> {
            SendSpacing spacing = null;
            if (s.rateLimitPerSecond() > 0) {
                Duration every = Duration.ofNanos(Math.round(1e9 / s.rateLimitPerSecond() * (1 + settings.marginFor(source))));
                spacing = new SendSpacing(source, every, settings.strict(source), dataSource);
            }
            limits.put(source, new Limit(source, s, spacing));
        });
    }

    /** Without budgets (clients built by hand in tests). */
    public RateLimits(SourcesProperties properties, LimitSettings settings, DataSource dataSource) {
        this(properties, settings, SourceBudgets.none(), dataSource);
    }

    private Limit limit(String source) {
        Limit limit = limits.get(source);
        if (limit == null) {
            throw new IllegalArgumentException("unknown source: " + source);
        }
        return limit;
    }

    /**
     * The source's requests through {@code next}, each once its pause (if any) is over, its turn has
     * come and its budget (if any) has room; no turn within {@code max-permit-wait} makes it
     * rate_limited. Taken per request, not per track: a fetch may send several, a batch request
     * serving many tracks sends one, and an answer from the cache none (the cache sits in front of this).
     */
    public Transport permitted(String source, Transport next) {
        Limit limit = limit(source);
        return request -> {
            long deadline = System.nanoTime() + limit.settings().maxPermitWait().toNanos();
            // a pause is waited out (or refused) before the turn is queued for: no connection is held meanwhile
            awaitPause(limit, deadline);
            if (limit.spacing() == null) {
                while (!budgetRoom(limit)) {
                    awaitPause(limit, deadline);
                }
                return next.send(request);
            }
            try {
                // in its turn, again: a pause set (or a budget spent) while this request waited for it
                return limit.spacing().send(deadline, left -> {
                    do {
                        awaitPause(limit, left);
                    } while (!budgetRoom(limit));
                }, () -> next.send(request));
            } catch (SendSpacing.NotInTime e) {
                throw new SourceRateLimitedException(notInTimeText(limit) + " (waiting for " + e.getMessage() + ")", null);
            } catch (InterruptedException e) {
                throw interrupted(limit, "waiting for a rate-limit permit");
            } catch (SQLException e) {
                throw unreachable(limit, e);
            }
        };
    }

    /** Waits out a pause that ends before {@code deadline}; refuses (rate_limited, with the pause) one that ends later. */
    private void awaitPause(Limit limit, long deadline) {
        Optional<SourcePause> paused = pauses.current(limit.source());
        if (paused.isEmpty()) {
            return;
        }
        long sleepMs = Duration.between(Instant.now(), paused.get().until()).toMillis();
        if (System.nanoTime() + sleepMs * 1_000_000 > deadline) {
            SourcePause p = paused.get();
            throw new SourceRateLimitedException(heldBack(limit, p), null, List.of(new Hint.PauseUntil(p.until(), p.reason())));
        }
        if (sleepMs > 0) {
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                throw interrupted(limit, "waiting for its pause to end");
            }
        }
    }

    /**
     * Takes one request from the source's budget, if it has one. Spent: the source is paused until the
     * budget's window frees a request, and false (the caller waits for that or refuses).
     */
    private boolean budgetRoom(Limit limit) {
        Optional<Budget> budget = budgets.of(limit.source());
        if (budget.isEmpty()) {
            return true;
        }
        Budgets.Take take;
        try {
            take = budgets.take(limit.source(), Instant.now());
        } catch (SQLException | RuntimeException e) {
            throw unreachable(limit, e);
        }
        if (take.taken()) {
            return true;
        }
        pauseUntil(limit.source(), take.freeAt(), "budget of " + budget.get().describe() + " spent (" + take.used()
                + " sent in the window; enricher.sources." + limit.source() + ".budget)");
        return false;
    }

    private static SourceRateLimitedException unreachable(Limit limit, Exception e) {
        // the limit is kept in PostgreSQL for every instance: without it no request may leave, and
        // that is no fault of the API (retriable, not counted by its breaker)
        return new SourceRateLimitedException("no rate-limit permit for " + limit.source() + ": the shared limiter is unreachable ("
                + e.getClass().getSimpleName() + ")", null);
    }

    private static SourceFailureException interrupted(Limit limit, String doing) {
        Thread.currentThread().interrupt();
        return new SourceFailureException(limit.source() + " call interrupted while " + doing);
    }

    private static String notInTimeText(Limit limit) {
        return "no rate-limit permit for " + limit.source() + " within " + limit.settings().maxPermitWait().toMillis() + " ms";
    }

    private static String heldBack(Limit limit, SourcePause p) {
        return limit.source() + " held back until " + p.until() + " (" + p.reason() + "), beyond the max permit wait of "
                + limit.settings().maxPermitWait().toMillis() + " ms";
    }

    /**
     * The API said to wait ({@code Retry-After}): the source is paused that long, for every instance.
     * A wait above the source's {@code retry-after-cap} is a long pause (a spent quota, most likely):
     * said at WARN; either is "until then", and no request leaves meanwhile.
     */
    public void retryAfter(String source, Duration wait) {
        Duration cap = limit(source).settings.retryAfterCap();
        String reason = "Retry-After: " + wait.toSeconds() + " s" + (wait.compareTo(cap) > 0
                ? ", above the retry-after-cap of " + cap.toSeconds() + " s" : "");
        pauseUntil(source, Instant.now().plus(wait), reason);
    }

    /**
     * Pauses every request of the source, on every instance, until {@code until} (at most
     * {@code enricher.limits.max-pause} from now), unless it is paused as long already.
     */
    public void pauseUntil(String source, Instant until, String reason) {
        Limit limit = limit(source);
        Instant now = Instant.now();
        if (!until.isAfter(now)) {
            return;
        }
        Instant within = withinMaxPause(until);
        // kept to the millisecond, as PostgreSQL keeps it (near enough), so every instance sees the same time
        Instant capped = within.truncatedTo(ChronoUnit.MILLIS);
        pauses.pauseUntil(source, capped, within.equals(until) ? reason : reason + "; cut to enricher.limits.max-pause")
                .ifPresent(p -> {
                    Duration length = Duration.between(now, p.until());
                    if (length.compareTo(limit.settings().retryAfterCap()) > 0) {
                        log.warn("{} paused until {} ({} s): {}", source, p.until(), length.toSeconds(), p.reason());
                    } else {
                        log.info("{} held back until {} ({} s): {}", source, p.until(), length.toSeconds(), p.reason());
                    }
                });
    }

    /** {@code until}, or the end of the longest pause allowed ({@code enricher.limits.max-pause}) if that is sooner. */
    public Instant withinMaxPause(Instant until) {
        Instant latest = Instant.now().plus(settings.maxPause());
        return until.isAfter(latest) ? latest : until;
    }

    /** The source's pause now, if any. */
    public Optional<SourcePause> pause(String source) {
        limit(source);
        return pauses.current(source);
    }

    public Optional<Instant> pausedUntil(String source) {
        return pause(source).map(SourcePause::until);
    }

    /** The source's pause when it ends beyond its max-permit-wait (no request could leave in time). */
    public Optional<SourcePause> pausedBeyondWait(String source) {
        Limit limit = limit(source);
        return pauses.current(source).filter(p -> p.until().isAfter(Instant.now().plus(limit.settings().maxPermitWait())));
    }

    /**
     * Lifts the source's pause for every instance (an operator's call) and starts its budget's window
     * afresh (a budget pause lifted would otherwise come back at the next request). Returns the pause lifted.
     */
    public Optional<SourcePause> liftPause(String source) {
        limit(source);
        Optional<SourcePause> lifted = pauses.lift(source);
        if (budgets.of(source).isPresent()) {
            try {
                budgets.clear(source);
            } catch (SQLException e) {
                throw new IllegalStateException("the budget of " + source + " could not be started afresh: " + e.getMessage(), e);
            }
        }
        lifted.ifPresent(p -> log.info("{}: pause until {} lifted ({})", source, p.until(), p.reason()));
        return lifted;
    }

    /** Lifts a pause (an operator's reset). */
    public void reset(String source) {
        liftPause(source);
    }

    /** The source's limit as /health shows it. */
    public View view(String source) {
        Limit limit = limit(source);
        Optional<Budgets.Seen> seen = budgets.seen(source);
        return new View(limit.settings().rateLimitPerSecond(), limit.spacing() == null ? null : limit.spacing().spacing(),
                limit.spacing() != null && limit.spacing().strict(), budgets.of(source),
                seen.map(Budgets.Seen::used), seen.map(Budgets.Seen::at));
    }

    @Override
    public void close() {
        pauses.close();
    }
}
