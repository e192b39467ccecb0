package dev.trackenricher.source.limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pauses of every source, kept in {@code source_pause} for every instance and for one that
 * restarts, and in memory for the requests of this one (read at every request: no database
 * round trip). A pause is "until T": a new one replaces the stored one only when it ends later.
 *
 * <p>Written through at once by this instance; what other instances set or lifted is read every
 * {@code pause-refresh} by a thread of its own, so a slow database never holds a request or
 * /health back. A pause that could not be stored (the database away) is still honoured here and
 * stored at a later refresh.
 *
 * <p>Plain JDBC on a connection of its own, never the caller's transaction: a pause holds whether or
 * not the chunk that met it commits.
 */
final class SourcePauses implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourcePauses.class);
    /** A pause ending at most this much later than the known one is the same pause (concurrent 429s of one wave). */
    private static final Duration SAME_PAUSE = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final Object writes = new Object();
    /** What this instance honours; replaced whole, read without a lock. */
    private volatile Map<String, SourcePause> known = Map.of();
    /** Pauses set here that the database did not take yet. */
    private final Map<String, SourcePause> unstored = new HashMap<>();
    /** Bumped by every write of this instance: a refresh that overlapped one is dropped, never undoes it. */
    private long generation;
    private volatile boolean unreadableLogged;
    private final ScheduledExecutorService refresher;

    SourcePauses(DataSource dataSource, Duration refresh) {
        this.dataSource = dataSource;
        refresh();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "source-pauses-refresh");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(50, refresh.toMillis());
        refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    /** The source's pause now, if it has one that has not ended. */
    Optional<SourcePause> current(String source) {
        SourcePause p = known.get(source);
        return p != null && p.activeAt(Instant.now()) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Pauses the source until {@code until} unless it is paused as long already; returns the pause
     * now in force when this call made or lengthened it (empty when it changed nothing).
     */
    Optional<SourcePause> pauseUntil(String source, Instant until, String reason) {
        if (knownAsLong(source, until)) {
            return Optional.empty();
        }
        synchronized (writes) {
            if (knownAsLong(source, until)) {
                return Optional.empty();
            }
            SourcePause pause = new SourcePause(source, until, reason, Instant.now());
            Map<String, SourcePause> next = new HashMap<>(known);
            next.put(source, pause);
            known = Map.copyOf(next);
            generation++;
            try {
                store(pause);
                unstored.remove(source);
            } catch (SQLException | RuntimeException e) {
                unstored.put(source, pause);
                log.warn("{}: pause until {} not stored ({}); honoured by this instance, stored once the database answers",
                        source, until, e.getClass().getSimpleName());
            }
            return Optional.of(pause);
        }
    }

    private boolean knownAsLong(String source, Instant until) {
        SourcePause p = known.get(source);
        return p != null && !until.isAfter(p.until().plus(SAME_PAUSE));
    }

    /** Lifts the source's pause, here and for every instance; returns the pause it lifted. */
    Optional<SourcePause> lift(String source) {
        synchronized (writes) {
            Optional<SourcePause> was = current(source);
            Map<String, SourcePause> next = new HashMap<>(known);
            next.remove(source);
            known = Map.copyOf(next);
            unstored.remove(source);
            generation++;
            try (Connection c = dataSource.getConnection();
                 PreparedStatement st = c.prepareStatement("DELETE FROM source_pause WHERE source = ?")) {
                st.setString(1, source);
                st.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("the pause of " + source + " could not be lifted for every instance: " + e.getMessage(), e);
            }
            return was;
        }
    }

    private void store(SourcePause p) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("""
                     INSERT INTO source_pause (source, paused_until, reason, paused_at) VALUES (?, ?, ?, ?)
                     ON CONFLICT (source) DO UPDATE SET paused_until = excluded.paused_until, reason = excluded.reason,
                                                        paused_at = excluded.paused_at
                      WHERE source_pause.paused_until < excluded.paused_until
                     """)) {
            st.setString(1, p.source());
            st.setTimestamp(2, Timestamp.from(p.until()));
            st.setString(3, p.reason());
            st.setTimestamp(4, Timestamp.from(p.since()));
            st.executeUpdate();
        }
    }

    /** Reads every instance's pauses; keeps what this instance set meanwhile. */
    void refresh() {
        long before;
        Map<String, SourcePause> unstoredNow;
        synchronized (writes) {
            before = generation;
            unstoredNow = Map.copyOf(unstored);
        }
        Map<String, SourcePause> read = new HashMap<>();
        try {
            for (SourcePause p : unstoredNow.values()) {
                store(p);
            }
            try (Connection c = dataSource.getConnection();
                 PreparedStatement st = c.prepareStatement(
                         "SELECT source, paused_until, reason, paused_at FROM source_pause WHERE paused_until > now()");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    read.put(rs.getString(1), new SourcePause(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (!unreadableLogged) {
                unreadableLogged = true;
                log.warn("source pauses: table source_pause unreadable ({}); keeping the pauses known before", e.getClass().getSimpleName());
            }
            return;
        }
        unreadableLogged = false;
        synchronized (writes) {
            if (generation != before) {
                // a pause was set or lifted here while the table was read: the next refresh sees it stored
                return;
            }
            unstoredNow.keySet().forEach(unstored::remove);
            Map<String, SourcePause> had = known;
            known = Map.copyOf(read);
            read.forEach((source, p) -> {
                SourcePause was = had.get(source);
                if (was == null || !was.until().equals(p.until())) {
                    log.info("{} paused until {} (read from source_pause: set by another instance, or before a restart): {}", source, p.until(),
                            p.reason());
                }
            });
            had.forEach((source, p) -> {
                if (!read.containsKey(source) && p.activeAt(Instant.now())) {
                    log.info("{}: its pause until {} was lifted by another instance", source, p.until());
                }
            });
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
