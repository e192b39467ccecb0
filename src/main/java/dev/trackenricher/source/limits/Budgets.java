package dev.trackenricher.source.limits;

import dev.trackenricher.source.limits.SourceBudgets.Budget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The sources' budgets, counted over every instance in {@code source_budget_slot}.
 *
 * <p>Counted here rather than as a token bucket (Bucket4j's bandwidths): a bucket refills (greedily, or a whole
 * interval at once), so up to twice its capacity can pass within one window of {@code per}; a quota
 * is a count over a window. Requests are counted per slot of {@code per / 60}, and a window is
 * reckoned from the start of the slot it began in, so the count is never below the true one: never
 * more than {@code requests} in any window of {@code per} (at worst one slot's requests fewer). A
 * request is counted when it is about to leave, under a transaction-scoped advisory lock, so two
 * instances never both take the last one.
 */
final class Budgets {

    /** How many slots a window is cut into. */
    static final int SLOTS = 60;

    /** What taking a request from a budget came to. */
    record Take(boolean taken, int used, Instant freeAt) {
    }

    /** The latest count seen for a source (for /health: never read from the database there). */
    record Seen(int used, Instant at) {
    }

    private final DataSource dataSource;
    private final SourceBudgets budgets;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    Budgets(DataSource dataSource, SourceBudgets budgets) {
        this.dataSource = dataSource;
        this.budgets = budgets;
    }

    Optional<Budget> of(String source) {
        return budgets.of(source);
    }

    Optional<Seen> seen(String source) {
        return Optional.ofNullable(seen.get(source));
    }

    /** Takes one request from the source's budget, or says when the budget frees one. Only for a source with a budget. */
    Take take(String source, Instant now) throws SQLException {
        Budget budget = budgets.of(source).orElseThrow();
        Duration slot = slot(budget);
        Instant slotStart = Instant.ofEpochMilli(now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), slot.toMillis()));
        // slots that overlap the window (now - per, now]
        Instant oldestCounted = now.minus(budget.per()).minus(slot);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Instant counted;
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                    lock.setString(1, "budget:" + source);
                    lock.execute();
                }
                // when the count was taken, in the order the lock gave: the latest count seen is the one /health shows
                try (PreparedStatement clock = c.prepareStatement("SELECT clock_timestamp()"); ResultSet rs = clock.executeQuery()) {
                    rs.next();
                    counted = rs.getTimestamp(1).toInstant();
                }
                try (PreparedStatement old = c.prepareStatement("DELETE FROM source_budget_slot WHERE source = ? AND slot_start <= ?")) {
                    old.setString(1, source);
                    old.setTimestamp(2, Timestamp.from(oldestCounted));
                    old.executeUpdate();
                }
                int used = 0;
                Instant oldest = null;
                try (PreparedStatement sum = c.prepareStatement(
                        "SELECT min(slot_start), coalesce(sum(requests), 0) FROM source_budget_slot WHERE source = ?")) {
                    sum.setString(1, source);
                    try (ResultSet rs = sum.executeQuery()) {
                        rs.next();
                        oldest = rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant();
                        used = rs.getInt(2);
                    }
                }
                Take take;
                if (used >= budget.requests()) {
                    // the oldest slot leaves the window (and frees its requests) a window after its end
                    take = new Take(false, used, (oldest == null ? slotStart : oldest).plus(slot).plus(budget.per()));
                } else {
                    try (PreparedStatement add = c.prepareStatement("""
                            INSERT INTO source_budget_slot (source, slot_start, requests) VALUES (?, ?, 1)
                            ON CONFLICT (source, slot_start) DO UPDATE SET requests = source_budget_slot.requests + 1
                            """)) {
                        add.setString(1, source);
                        add.setTimestamp(2, Timestamp.from(slotStart));
                        add.executeUpdate();
                    }
                    take = new Take(true, used + 1, null);
                }
                c.commit();
                seen.merge(source, new Seen(take.used(), counted), (was, is) -> is.at().isAfter(was.at()) ? is : was);
                return take;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Forgets what the source's budget counted (an operator lifted its pause: a fresh window). */
    void clear(String source) throws SQLException {
        seen.remove(source);
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("DELETE FROM source_budget_slot WHERE source = ?")) {
            st.setString(1, source);
            st.executeUpdate();
        }
    }

    static Duration slot(Budget budget) {
        return Duration.ofMillis(Math.max(1000, budget.per().toMillis() / SLOTS));
    }
}
