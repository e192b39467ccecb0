package dev.trackenricher.batch;

import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import java.util.List;
import java.util.Map;
import org.apache.camel.Header;
import org.springframework.batch.core.JobExecution;
import org.springframework.stereotype.Component;

/** POST /enrich/trigger?limit=N: starts an enrich run in the background. */
@Component
public class EnrichApi {

    private final EnrichJobLauncher launcher;

    public EnrichApi(EnrichJobLauncher launcher) {
        this.launcher = launcher;
    }

    public ApiResponse trigger(@Header("limit") String limit) {
        Integer max = null;
        if (limit != null && !limit.isBlank()) {
            try {
                max = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("limit: \"" + limit + "\" is not a whole number");
            }
            if (max <= 0) {
                throw ApiException.badRequest("limit: must be positive, got " + max);
            }
        }
        JobExecution execution = launcher.launch(max, List.of());
        return ApiResponse.accepted(Map.of("job_execution_id", execution.getId(), "status", execution.getStatus().name()));
    }
}
