package dev.trackenricher.source.limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source's spacing of its requests across every instance, taken as each request leaves.
 *
 * <p>Each request waits for the source's turn (a transaction-scoped PostgreSQL advisory lock: one
 * instance at a time; in front of it a fair lock of this instance, so an instance waits on the
 * database with one connection per source, not one per thread), then until {@code next_send_at}
 * ({@code source_send_spacing}), then sets {@code next_send_at} to the database's clock plus the
 * spacing, at the moment it leaves:
 * <ul>
 * <li><b>spaced</b> (most sources): the turn ends as the request is handed to the HTTP exchange, so
 * the next one leaves a spacing after this one actually left: a thread that wakes late, a busy host,
 * never closes the gap (it only widens the one before). What reaches the API can still be closer by
 * the exchange's own time to put the request on the wire, which the spacing margin is for;</li>
 * <li><b>strict</b> ({@code enricher.limits.strict-spacing}; and, for every source, the first
 * request of this process, which carries its cold start: class loading, the first connection): the
 * turn ends when the answer is back, so the next request leaves a spacing after the previous
 * answer. The API counts a request when it arrives, before its answer leaves the API, so two
 * requests never reach it closer than the spacing, whatever the load, at the cost of the answer's
 * latency per request.</li>
 * </ul>
 *
 * <p>Hand-written on an advisory lock rather than a Bucket4j bucket (which the service used
 * before): a bucket grants a permit when it is asked for, a reservation of a future slot, and knows
 * nothing of when the request then leaves; spacing what the API sees needs the slot taken as the
 * request leaves, under a lock held across the wait. Waits are durations on the database's clock,
 * slept here, so the instances' clocks need not agree. If an instance dies during a strict request,
 * its lock goes with its connection and the row keeps the previous time: the next request may follow
 * the dead one sooner (once, after a crash).
 */
final class SendSpacing {

    /** What to do once it is this source's turn and the spacing has passed: checks that may still refuse or wait (pause, budget). */
    interface Checks {
        void run(long deadlineNanos) throws InterruptedException;
    }

    /** The turn did not come within the permit wait. */
    static final class NotInTime extends Exception {
        NotInTime(String message) {
            super(message, null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SendSpacing.class);

    private final String source;
    private final Duration spacing;
    private final boolean strict;
    private final DataSource dataSource;
    private final ReentrantLock here = new ReentrantLock(true);
    /** Whether this process has sent its first request of the source, with its answer back. */
    private final AtomicBoolean warm = new AtomicBoolean();

    SendSpacing(String source, Duration spacing, boolean strict, DataSource dataSource) {
        this.source = source;
        this.spacing = spacing;
        this.strict = strict;
        this.dataSource = dataSource;
    }

    Duration spacing() {
        return spacing;
    }

    boolean strict() {
        return strict;
    }

    /**
     * Sends with {@code exchange} in this source's turn, once the spacing has passed and {@code checks}
     * let it; the next request's turn is spaced from when this one left (or, strict, from its answer).
     */
    <T> T send(long deadlineNanos, Checks checks, java.util.function.Supplier<T> exchange)
            throws NotInTime, InterruptedException, SQLException {
        if (!here.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new NotInTime("its turn (one request at a time)");
        }
        boolean untilAnswer = strict || !warm.get();
        try {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    awaitTurn(c, deadlineNanos);
                    checks.run(deadlineNanos);
                    if (untilAnswer) {
                        try {
                            T answer = exchange.get();
                            warm.set(true);
                            return answer;
                        } finally {
                            answered(c);
                        }
                    }
                    left(c);
                } catch (NotInTime | InterruptedException | SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                }
            }
        } finally {
            here.unlock();
        }
        // spaced: the turn ended as the request leaves; its exchange holds neither the lock nor a connection
        return exchange.get();
    }

    /** Takes the database's lock of the source and waits out {@code next_send_at}, within the deadline. */
    private void awaitTurn(Connection c, long deadlineNanos) throws SQLException, NotInTime, InterruptedException {
        long leftMs = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (leftMs <= 0) {
            throw new NotInTime("its turn (one request at a time)");
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL lock_timeout = " + leftMs);
        }
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "spacing:" + source);
            lock.execute();
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw new NotInTime("its turn (another instance's request)");
            }
            throw e;
        }
        long waitMicros;
        try (PreparedStatement next = c.prepareStatement("""
                SELECT greatest(0, extract(epoch FROM next_send_at - clock_timestamp()) * 1000000)::bigint
                  FROM source_send_spacing WHERE source = ?
                """)) {
            next.setString(1, source);
            try (ResultSet rs = next.executeQuery()) {
                waitMicros = rs.next() ? rs.getLong(1) : 0;
            }
        }
        if (System.nanoTime() + waitMicros * 1000 > deadlineNanos) {
            throw new NotInTime("the spacing after the previous request");
        }
        if (waitMicros > 0) {
            TimeUnit.MICROSECONDS.sleep(waitMicros);
        }
    }

    /** This request leaves now: the next one a spacing from now. The turn ends (commit). */
    private void left(Connection c) throws SQLException {
        record(c);
        c.commit();
    }

    /**
     * The answer is in (or the request failed): the next request leaves a spacing from now. If the
     * database is gone meanwhile, the answer still counts; the lock went with the connection.
     */
    private void answered(Connection c) {
        try {
            record(c);
            c.commit();
        } catch (SQLException e) {
            log.warn("{}: when its last answer came back could not be recorded ({}); the next request may follow it sooner",
                    source, e.getClass().getSimpleName());
            rollbackQuietly(c);
        }
    }

    private void record(Connection c) throws SQLException {
        try (PreparedStatement done = c.prepareStatement("""
                INSERT INTO source_send_spacing (source, next_send_at) VALUES (?, clock_timestamp() + make_interval(secs => ?))
                ON CONFLICT (source) DO UPDATE SET next_send_at = excluded.next_send_at
                """)) {
            done.setString(1, source);
            done.setDouble(2, spacing.toNanos() / 1e9);
            done.executeUpdate();
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: so is the lock and the transaction
        }
    }
}
