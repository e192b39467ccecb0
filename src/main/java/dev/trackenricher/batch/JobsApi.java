package dev.trackenricher.batch;

import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Header;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.stereotype.Component;

/**
 * GET /jobs and GET /jobs/{executionId}: runs of every job (enrich, reprocess, …) as the Spring
 * Batch job repository has them: status, timing, counts, parameters, and for a step that knows its
 * total (the enrich step) its progress: done / total, rate, ETA. Counts are committed with each
 * chunk, so a running job's progress moves chunk by chunk. An enrich run's total is the tracks it
 * claimed plus those due that it would still take, so it grows when tracks become due during the
 * run (new ones, back-offs come due) and the ETA is that of the work as it stands.
 */
@Component
public class JobsApi {

    /** executions GET /jobs shows without a limit, and the most it shows */
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 500;

    private final JobExplorer explorer;

    public JobsApi(JobExplorer explorer) {
        this.explorer = explorer;
    }

    public ApiResponse list(@Header("limit") String limitParam) {
        int limit = limit(limitParam);
        List<JobExecution> executions = new ArrayList<>();
        for (String jobName : explorer.getJobNames()) {
            // each run is its own instance (a fresh launch id), newest first
            for (JobInstance instance : explorer.getJobInstances(jobName, 0, limit)) {
                executions.addAll(explorer.getJobExecutions(instance));
            }
        }
        List<Map<String, Object>> views = executions.stream()
                .sorted(Comparator.comparing(JobExecution::getId).reversed())
                .limit(limit)
                .map(e -> view(e, false))
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", views.size());
        body.put("limit", limit);
        body.put("executions", views);
        return ApiResponse.ok(body);
    }

    public ApiResponse get(@Header("executionId") String idParam) {
        long id = executionId(idParam);
        JobExecution execution = explorer.getJobExecution(id);
        if (execution == null) {
            throw ApiException.notFound("no job execution " + id);
        }
        return ApiResponse.ok(view(execution, true));
    }

    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit: \"" + value + "\" is not a whole number");
        }
        if (limit <= 0 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit: must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }

    static long executionId(String value) {
        try {
            long id = Long.parseLong(value == null ? "" : value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("executionId: \"" + value + "\" is not a job execution id (a positive whole number)");
    }

    private Map<String, Object> view(JobExecution e, boolean withSteps) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", e.getId());
        v.put("job_name", e.getJobInstance().getJobName());
        v.put("status", e.getStatus().name());
        v.put("exit_code", e.getExitStatus().getExitCode());
        v.put("created", instant(e.getCreateTime()));
        v.put("start_time", instant(e.getStartTime()));
        v.put("end_time", instant(e.getEndTime()));
        long read = 0;
        long written = 0;
        long skipped = 0;
        for (StepExecution s : e.getStepExecutions()) {
            read += s.getReadCount();
            written += s.getWriteCount();
            skipped += s.getSkipCount();
        }
        v.put("read_count", read);
        v.put("write_count", written);
        v.put("skip_count", skipped);
        Map<String, Object> parameters = new LinkedHashMap<>();
        e.getJobParameters().getParameters().forEach((name, p) -> parameters.put(name, p.getValue()));
        v.put("parameters", parameters);
        progress(e).ifPresent(p -> v.put("progress", p));
        if (withSteps) {
            v.put("steps", e.getStepExecutions().stream()
                    .sorted(Comparator.comparing(StepExecution::getId))
                    .map(JobsApi::step)
                    .toList());
            v.put("failures", e.getAllFailureExceptions().stream().map(Throwable::toString).toList());
        }
        return v;
    }

    private static Map<String, Object> step(StepExecution s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", s.getStepName());
        v.put("status", s.getStatus().name());
        v.put("start_time", instant(s.getStartTime()));
        v.put("end_time", instant(s.getEndTime()));
        v.put("read_count", s.getReadCount());
        v.put("write_count", s.getWriteCount());
        v.put("commit_count", s.getCommitCount());
        v.put("rollback_count", s.getRollbackCount());
        v.put("skip_count", s.getSkipCount());
        return v;
    }

    /** The progress of the (latest) step that knows its total; a finished step reports its final figures. */
    private static Optional<Map<String, Object>> progress(JobExecution e) {
        return e.getStepExecutions().stream()
                .filter(s -> s.getExecutionContext().containsKey(ClaimingTrackReader.TOTAL_KEY))
                .max(Comparator.comparing(StepExecution::getId))
                .map(s -> {
                    boolean running = s.getStatus().isRunning() && s.getStatus() != BatchStatus.STOPPING;
                    EnrichProgress p = EnrichProgress.of(s, LocalDateTime.now());
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("step", s.getStepName());
                    v.put("done", p.done());
                    v.put("total", p.total());
                    // a run takes what becomes due while it goes: total grows from this, and percent and ETA follow it
                    v.put("total_at_start", s.getExecutionContext().getInt(ClaimingTrackReader.TOTAL_AT_START_KEY, (int) p.total()));
                    v.put("percent", p.total() == 0 ? 100.0 : Math.round(1000.0 * p.done() / p.total()) / 10.0);
                    v.put("rate_per_second", Math.round(p.ratePerSecond() * 100) / 100.0);
                    v.put("elapsed_seconds", p.elapsed().toSeconds());
                    Long eta = null;
                    if (!running) {
                        eta = 0L;
                    } else if (p.eta() != null) {
                        eta = p.eta().toSeconds();
                    }
                    v.put("eta_seconds", eta);
                    v.put("running", running);
                    return v;
                });
    }

    private static String instant(LocalDateTime time) {
        // the job repository keeps local times of this JVM's zone
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant().toString();
    }
}
