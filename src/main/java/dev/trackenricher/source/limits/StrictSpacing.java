package dev.trackenricher.source.limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One strictly spaced source's sends: one request at a time across every instance, the next no
 * sooner than {@code spacing} after the previous one's answer came back.
 *
 * <p>Why from the answer: the API counts a request when it arrives, and it arrives before its
 * answer leaves the API, so a send that waits {@code spacing} after the previous answer arrives at
 * least {@code spacing} after the previous request did, whatever the time between a permit and the
 * bytes on the wire (a thread that wakes late, a busy host, a cold connection). Spacing from when a
 * permit was granted (the bucket) cannot promise that.
 *
 * <p>How: the request is sent while holding a transaction-scoped PostgreSQL advisory lock of the
 * source (so one instance at a time), after waiting out {@code next_send_at}
 * ({@code source_send_spacing}), which the holder sets to the database's clock plus the spacing once
 * the answer is in. Waits are durations on the database's clock, slept here, so the instances' clocks
 * need not agree. In front of it a fair lock of this instance, so an instance waits on the database
 * with one connection per source, not one per thread. If an instance dies mid-request, its lock goes
 * with its connection and the row keeps the previous answer's time: the next request may follow the
 * dead one sooner than the spacing (once, after a crash).
 */
final class StrictSpacing {

    /** What to do once it is this source's turn: the send, given how long is left of the permit wait. */
    interface Turn<T> {
        T take(long deadlineNanos) throws InterruptedException;
    }

    /** The turn did not come within the permit wait. */
    static final class NotInTime extends Exception {
        NotInTime(String message) {
            super(message, null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(StrictSpacing.class);

    private final String source;
    private final Duration spacing;
    private final DataSource dataSource;
    private final ReentrantLock here = new ReentrantLock(true);

    StrictSpacing(String source, Duration spacing, DataSource dataSource) {
        this.source = source;
        this.spacing = spacing;
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "INSERT INTO source_send_spacing (source, next_send_at) VALUES (?, now()) ON CONFLICT (source) DO NOTHING")) {
            st.setString(1, source);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("strict spacing of " + source + ": table source_send_spacing unreachable", e);
        }
    }

    Duration spacing() {
        return spacing;
    }

    /**
     * Runs {@code turn} (the send) when it is this source's turn and the spacing since the previous
     * answer has passed, then records when its answer came back, even if it failed (a request may
     * have reached the API).
     */
    <T> T send(long deadlineNanos, Turn<T> turn) throws NotInTime, InterruptedException, SQLException {
        if (!here.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new NotInTime("its turn (one request at a time)");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
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
                    throw new NotInTime("the spacing after the previous answer");
                }
                if (waitMicros > 0) {
                    TimeUnit.MICROSECONDS.sleep(waitMicros);
                }
                try {
                    return turn.take(deadlineNanos);
                } finally {
                    answered(c);
                }
            } catch (NotInTime | InterruptedException | SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } finally {
            here.unlock();
        }
    }

    /**
     * The answer is in (or the request failed): the next request leaves a spacing from now. If the
     * database is gone meanwhile, the answer still counts; the lock went with the connection.
     */
    private void answered(Connection c) {
        try (PreparedStatement done = c.prepareStatement("""
                INSERT INTO source_send_spacing (source, next_send_at) VALUES (?, clock_timestamp() + make_interval(secs => ?))
                ON CONFLICT (source) DO UPDATE SET next_send_at = excluded.next_send_at
                """)) {
            done.setString(1, source);
            done.setDouble(2, spacing.toNanos() / 1e9);
            done.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            log.warn("{}: when its last answer came back could not be recorded ({}); the next request may follow it sooner",
                    source, e.getClass().getSimpleName());
            rollbackQuietly(c);
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
