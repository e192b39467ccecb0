package dev.trackenricher.batch;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * One enrich run at a time across every instance on the database: a PostgreSQL session-level
 * advisory lock ({@code pg_try_advisory_lock}), held on a connection of its own for the whole run.
 *
 * <p>Why this and not the job repository or a lock table: Spring Batch's repository refuses a
 * second execution of one <em>job instance</em>, but every enrich run is an instance of its own
 * (and a completed instance cannot run again), so it cannot say "one of any parameters"; and a run
 * whose process died stays STARTED there until the stale-run check marks it, after the claim
 * timeout. PostgreSQL releases an advisory lock the moment the session holding it ends, however the
 * process ends ({@code kill -9} included), so a dead instance never holds up the cycle; it needs no
 * table, no lease and no clock. (ShedLock would do the same with a table and a lease; it is not a
 * dependency here.) Never blocking: {@code try} answers at once.
 *
 * <p>Also the job's listener: a launch hands the lock it took to its job ({@link #handOver}), which
 * releases it when it ends; a run launched without the lock in hand (a tool, a test) takes it in
 * {@code beforeJob} and fails at once when another run holds it.
 */
@Component
public class EnrichRunLock implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(EnrichRunLock.class);

    /**
     * The lock's key in PostgreSQL's advisory-lock space (the two-int form: class, object). Any
     * fixed pair serves; these spell "TE" and "ENRI" so that {@code pg_locks} shows whose it is.
     */
    static final int LOCK_CLASS = 0x5445;
    static final int LOCK_OBJECT = 0x454E5249;

    private final DataSource dataSource;
    /** locks taken for a launch, by its launch id, until its job starts */
    private final Map<String, Held> handedOver = new ConcurrentHashMap<>();
    /** locks held by running jobs of this instance, by job execution id */
    private final Map<Long, Held> byExecution = new ConcurrentHashMap<>();

    public EnrichRunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The lock, if no run holds it (here or on another instance); never waits. */
    public Optional<Held> tryAcquire() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                s.setInt(1, LOCK_CLASS);
                s.setInt(2, LOCK_OBJECT);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return Optional.of(new Held(connection, this::evict));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("could not ask PostgreSQL for the enrich-run lock: " + e.getMessage(), e);
        }
    }

    /** Gives a lock taken for a launch to the job that launch starts (its {@code launchId} parameter). */
    public void handOver(String launchId, Held held) {
        handedOver.put(launchId, held);
    }

    /** A launch that did not start its job gives the lock back. */
    public void takeBack(String launchId) {
        Held held = handedOver.remove(launchId);
        if (held != null) {
            held.close();
        }
    }

    /** Whether the run of this execution still holds the lock (its session lives and owns it). */
    public boolean stillHeld(long jobExecutionId) {
        Held held = byExecution.get(jobExecutionId);
        return held == null || held.stillHeld();
    }

    @Override
    public void beforeJob(JobExecution execution) {
        String launchId = execution.getJobParameters().getString(EnrichJobConfiguration.LAUNCH_ID);
        Held held = launchId == null ? null : handedOver.remove(launchId);
        if (held == null) {
            held = tryAcquire().orElseThrow(() -> new IllegalStateException(
                    "another enrich run is going (one at a time across all instances); this one did not start"));
        }
        byExecution.put(execution.getId(), held);
    }

    /**
     * The run's end time is set before this is called, so the next run anywhere starts after it:
     * the job repository's start/end intervals of enrich runs never overlap.
     */
    @Override
    public void afterJob(JobExecution execution) {
        Held held = byExecution.remove(execution.getId());
        if (held != null) {
            held.close();
        }
    }

    /** Takes a connection out of the pool for good (its session may hold the lock). */
    private void evict(Connection connection) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            }
        } catch (SQLException e) {
            log.warn("could not take the enrich-run lock's connection out of the pool: {}", e.getMessage());
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is broken; the pool drops it
            }
        }
    }

    /** The lock in hand: its session (connection) is kept open until {@link #close()}. */
    public static final class Held implements AutoCloseable {

        private final Connection connection;
        private final java.util.function.Consumer<Connection> evict;
        private boolean closed;

        Held(Connection connection, java.util.function.Consumer<Connection> evict) {
            this.connection = connection;
            this.evict = evict;
        }

        /** True while the session lives and PostgreSQL has it owning the lock. */
        public synchronized boolean stillHeld() {
            if (closed) {
                return false;
            }
            try (PreparedStatement s = connection.prepareStatement("""
                    SELECT count(*) FROM pg_locks
                     WHERE locktype = 'advisory' AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 2
                       AND pid = pg_backend_pid() AND granted""")) {
                s.setLong(1, LOCK_CLASS);
                s.setLong(2, LOCK_OBJECT);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            } catch (SQLException e) {
                log.warn("the enrich-run lock's database session failed: {}", e.getMessage());
                return false;
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            boolean unlocked = false;
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                s.setInt(1, LOCK_CLASS);
                s.setInt(2, LOCK_OBJECT);
                try (ResultSet rs = s.executeQuery()) {
                    unlocked = rs.next() && rs.getBoolean(1);
                }
            } catch (SQLException e) {
                // a broken session: PostgreSQL released the lock with it
                log.debug("releasing the enrich-run lock: {}", e.getMessage());
            }
            if (!unlocked) {
                // never hand the pool a session that might still hold the lock: close it for good
                evict.accept(connection);
            }
            closeQuietly(connection);
        }
    }
}
