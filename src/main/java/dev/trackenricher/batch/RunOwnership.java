package dev.trackenricher.batch;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which job executions this instance of the service runs. Every job of the context (today's and any
 * added later) gets this listener: at its start the execution is recorded as this instance's in
 * {@code batch_execution_owner} and remembered as running here; at its end it is forgotten. With
 * it, {@link StaleRunRecovery} knows an execution of this instance that no longer runs (its thread
 * ended without the job repository hearing, e.g. the database went away) from a live one.
 */
@Component
public class RunOwnership implements JobExecutionListener, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RunOwnership.class);

    private final String instanceId = describeInstance();
    private final Set<Long> runningHere = ConcurrentHashMap.newKeySet();
    private final JdbcTemplate jdbc;
    private final ObjectProvider<Job> jobs;

    public RunOwnership(JdbcTemplate jdbc, ObjectProvider<Job> jobs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    @Override
    public void afterSingletonsInstantiated() {
        jobs.orderedStream().filter(AbstractJob.class::isInstance).map(AbstractJob.class::cast)
                .forEach(job -> job.registerJobExecutionListener(this));
    }

    @Override
    public void beforeJob(JobExecution execution) {
        runningHere.add(execution.getId());
        try {
            jdbc.update("INSERT INTO batch_execution_owner (job_execution_id, instance_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    execution.getId(), instanceId);
        } catch (RuntimeException e) {
            // without the row, other instances judge this run by its progress alone (the claim timeout)
            log.warn("job execution {}: could not record its owner: {}", execution.getId(), e.getMessage());
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        runningHere.remove(execution.getId());
    }

    public String instanceId() {
        return instanceId;
    }

    public boolean runningHere(long jobExecutionId) {
        return runningHere.contains(jobExecutionId);
    }

    /** The instance an execution was recorded as running in, when it was. */
    public Optional<String> ownerOf(long jobExecutionId) {
        return jdbc.queryForList("SELECT instance_id FROM batch_execution_owner WHERE job_execution_id = ?", String.class, jobExecutionId)
                .stream().findFirst();
    }

    /** host:pid:random, readable in the table and unique even for two instances in one JVM. */
    private static String describeInstance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
        return host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 8);
    }
}
