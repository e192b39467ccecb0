package dev.trackenricher.batch.cycle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a trigger was served; always answered at once, never refused (POST /enrich/trigger: 202).
 *
 * @param jobExecutionId the run that takes the tracks asked for: the one started, or the one going;
 *                       null only when {@code run} is {@code queued}
 * @param run            {@code started} (a run was started for it), {@code joined} (the run going here
 *                       takes the tracks), {@code running_elsewhere} (a run is going on another
 *                       instance: it takes every due track; one it was started for named tracks only
 *                       leaves the rest to the next run), {@code queued} (a run is just ending: the
 *                       next run, started as soon as it has ended, takes them)
 * @param instance       the instance the run goes on, when known
 */
public record TriggerAnswer(Long jobExecutionId, String status, String run, String instance, String message) {

    public static final String STARTED = "started";
    public static final String JOINED = "joined";
    public static final String RUNNING_ELSEWHERE = "running_elsewhere";
    public static final String QUEUED = "queued";

    /** The JSON answer (snake_case). */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_execution_id", jobExecutionId);
        body.put("status", status);
        body.put("run", run);
        body.put("instance", instance);
        body.put("message", message);
        return body;
    }
}
