package dev.trackenricher.batch;

import dev.trackenricher.cli.CommandLineMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds job executions that the job repository still calls running (STARTING, STARTED, STOPPING)
 * though the process running them is gone, or that a database failure left UNKNOWN, and marks them FAILED, which keeps them restartable
 * (a relaunch with the same parameters continues the job instance) and lets a job instance that
 * must run once (the nightly reprocess) run again instead of being refused as "already running".
 *
 * <p>Dead means: recorded as this instance's ({@link RunOwnership}) but not running here (its
 * thread ended while the database was unreachable); or any other execution that made no progress
 * (neither the job nor a step was updated) for {@code enricher.batch.claim-timeout}, the time after
 * which its claims are taken by others anyway. A live run commits a chunk, and so shows progress,
 * well within that time; several instances can therefore share one database without one failing
 * another's live run. Checked at start-up, before each enrich launch and every
 * {@code enricher.batch.stale-run-check}.
 */
@Component
@EnableScheduling
@Profile("!" + CommandLineMode.PROFILE)
public class StaleRunRecovery {

    private static final Logger log = LoggerFactory.getLogger(StaleRunRecovery.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RunOwnership ownership;
    private final BatchSettings settings;
    private volatile boolean lastCheckFailed;

    public StaleRunRecovery(JdbcTemplate jdbc, PlatformTransactionManager transactions, RunOwnership ownership, BatchSettings settings) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.ownership = ownership;
        this.settings = settings;
    }

    /** What was marked, for the log and the tests. */
    public record Marked(long jobExecutionId, String jobName, String owner, String reason) {
    }

    @EventListener(ApplicationReadyEvent.class)
    public void atStartUp() {
        recoverQuietly();
    }

    @Scheduled(fixedDelayString = "${enricher.batch.stale-run-check:60s}", initialDelayString = "${enricher.batch.stale-run-check:60s}")
    public void periodically() {
        recoverQuietly();
    }

    /** {@link #recover()}, logging instead of throwing (the database may be the thing that is down). */
    public List<Marked> recoverQuietly() {
        try {
            List<Marked> marked = recover();
            if (lastCheckFailed) {
                log.info("stale-run check: the database answers again");
                lastCheckFailed = false;
            }
            return marked;
        } catch (RuntimeException e) {
            if (!lastCheckFailed) {
                log.warn("stale-run check failed (will try again): {}", e.getMessage());
                lastCheckFailed = true;
            }
            return List.of();
        }
    }

    public List<Marked> recover() {
        Duration timeout = settings.claimTimeout();
        List<Object[]> candidates = jdbc.query("""
                SELECT e.job_execution_id, i.job_name, o.instance_id, e.status,
                       greatest(e.last_updated, e.start_time, e.create_time,
                                (SELECT max(s.last_updated) FROM batch_step_execution s WHERE s.job_execution_id = e.job_execution_id))
                         AS last_progress,
                       greatest(e.last_updated, e.start_time, e.create_time,
                                (SELECT max(s.last_updated) FROM batch_step_execution s WHERE s.job_execution_id = e.job_execution_id))
                         < localtimestamp - make_interval(secs => ?) AS silent
                  FROM batch_job_execution e
                  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                  LEFT JOIN batch_execution_owner o ON o.job_execution_id = e.job_execution_id
                 WHERE e.status IN ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')
                 ORDER BY e.job_execution_id
                """, (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(5), rs.getBoolean(6),
                        rs.getString(4)},
                timeout.toMillis() / 1000.0);
        List<Marked> marked = new java.util.ArrayList<>();
        for (Object[] c : candidates) {
            long id = (Long) c[0];
            String job = (String) c[1];
            String owner = (String) c[2];
            Timestamp lastProgress = (Timestamp) c[3];
            boolean silent = (Boolean) c[4];
            String status = (String) c[5];
            String reason;
            if (ownership.runningHere(id)) {
                continue;
            }
            if ("UNKNOWN".equals(status)) {
                // Spring Batch's "unknown": the database failed while the run saved its progress. Both jobs read their
                // work from the database again (claims held by a writer, one-transaction resets), so running again is safe.
                reason = "its run ended in an unknown state (the database failed while it saved its progress)";
            } else if (ownership.instanceId().equals(owner)) {
                reason = "its run ended in this instance without the job repository hearing of it (was the database unreachable?)";
            } else if (silent) {
                reason = "no progress since " + lastProgress + " (longer than the claim timeout of " + timeout.toSeconds()
                        + " s): the process running it" + (owner == null ? "" : " (" + owner + ")") + " is gone";
            } else {
                continue;
            }
            if (markFailed(id, reason)) {
                log.warn("job execution {} ({}, {}): {}; marked FAILED (restartable; its claims are taken again "
                        + "once older than the claim timeout)", id, job, status, reason);
                marked.add(new Marked(id, job, owner, reason));
            }
        }
        return marked;
    }

    private boolean markFailed(long id, String reason) {
        String exit = ("abandoned by a dead process: " + reason);
        Integer updated = transaction.execute(tx -> {
            int job = jdbc.update("""
                    UPDATE batch_job_execution
                       SET status = 'FAILED', exit_code = 'FAILED', exit_message = ?, end_time = localtimestamp,
                           last_updated = localtimestamp, version = version + 1
                     WHERE job_execution_id = ? AND status IN ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')
                    """, exit, id);
            if (job == 1) {
                jdbc.update("""
                        UPDATE batch_step_execution
                           SET status = 'FAILED', exit_code = 'FAILED', exit_message = ?, end_time = localtimestamp,
                               last_updated = localtimestamp, version = version + 1
                         WHERE job_execution_id = ? AND status IN ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')
                        """, exit, id);
            }
            return job;
        });
        return updated != null && updated == 1;
    }
}
