package dev.trackenricher.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trackenricher.support.TestDatabase;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one-run-at-a-time lock on a real PostgreSQL: two instances (two locks on one database, as
 * two processes would have) never hold it at once; a holder whose session dies (a killed process)
 * holds nothing; a job launched without the lock while another run holds it does not start.
 */
class EnrichRunLockTest {

    static HikariDataSource pool;
    static HikariDataSource otherPool;
    static JdbcTemplate admin;

    @BeforeAll
    static void database() {
        String url = TestDatabase.newDatabase("run_lock");
        pool = pool(url);
        otherPool = pool(url);
        admin = new JdbcTemplate(TestDatabase.dataSource(url));
    }

    @AfterAll
    static void close() {
        pool.close();
        otherPool.close();
    }

    @Test
    void oneHolderAtATimeAcrossInstancesAndFreeOnceReleased() {
        EnrichRunLock here = new EnrichRunLock(pool);
        EnrichRunLock there = new EnrichRunLock(otherPool);

        Optional<EnrichRunLock.Held> held = here.tryAcquire();
        assertThat(held).isPresent();
        assertThat(held.get().stillHeld()).isTrue();
        assertThat(there.tryAcquire()).as("the other instance, while it is held").isEmpty();
        assertThat(here.tryAcquire()).as("this instance again, on another session").isEmpty();

        held.get().close();
        assertThat(held.get().stillHeld()).isFalse();
        Optional<EnrichRunLock.Held> next = there.tryAcquire();
        assertThat(next).as("free once released").isPresent();
        next.get().close();
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections back in the pool").isZero();
    }

    @Test
    void aHolderWhoseSessionDiesHoldsNothingAndTheNextTakesIt() {
        EnrichRunLock here = new EnrichRunLock(pool);
        EnrichRunLock there = new EnrichRunLock(otherPool);
        EnrichRunLock.Held held = here.tryAcquire().orElseThrow();

        // what kill -9 of the holding process does to its session
        int killed = admin.queryForObject("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_locks
                 WHERE locktype = 'advisory' AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 2 AND granted""",
                Integer.class, EnrichRunLock.LOCK_CLASS, EnrichRunLock.LOCK_OBJECT);

        assertThat(killed).isEqualTo(1);
        assertThat(held.stillHeld()).as("a run checking before its next claim learns it lost the lock").isFalse();
        EnrichRunLock.Held next = there.tryAcquire().orElseThrow();
        next.close();
        held.close();
    }

    @Test
    void aJobStartedWithoutTheLockWhileAnotherRunHoldsItDoesNotStart() {
        EnrichRunLock here = new EnrichRunLock(pool);
        EnrichRunLock there = new EnrichRunLock(otherPool);
        EnrichRunLock.Held elsewhere = there.tryAcquire().orElseThrow();
        JobExecution execution = MetaDataInstanceFactory.createJobExecution("enrichJob", 1L, 7L,
                new JobParametersBuilder().addString(EnrichJobConfiguration.LAUNCH_ID, "not-handed-over").toJobParameters());

        assertThatThrownBy(() -> here.beforeJob(execution)).hasMessageContaining("another enrich run is going");

        elsewhere.close();
        here.beforeJob(execution);
        assertThat(here.stillHeld(execution.getId())).isTrue();
        assertThat(there.tryAcquire()).isEmpty();
        here.afterJob(execution);
        assertThat(there.tryAcquire()).map(h -> {
            h.close();
            return true;
        }).contains(true);
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername("postgres");
        ds.setPassword("postgres");
        ds.setMaximumPoolSize(4);
        return ds;
    }
}
