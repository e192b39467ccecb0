package dev.trackenricher.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import dev.trackenricher.api.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.batch.core.JobExecution;
import org.springframework.stereotype.Component;

/**
 * POST /enrich/trigger?limit=N: starts an enrich run in the background. An optional JSON body
 * {@code {"track_ids": [...]}} limits the run to those tracks (when they are due).
 */
@Component
public class EnrichApi {

    private final EnrichJobLauncher launcher;
    private final ObjectMapper json;

    public EnrichApi(EnrichJobLauncher launcher, ObjectMapper json) {
        this.launcher = launcher;
        this.json = json;
    }

    public ApiResponse trigger(@Header("limit") String limit, @Body String body) {
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
        JobExecution execution = launcher.launch(max, trackIds(body));
        return ApiResponse.accepted(Map.of("job_execution_id", execution.getId(), "status", execution.getStatus().name()));
    }

    private List<UUID> trackIds(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode ids = root.isObject() ? root.has("track_ids") ? root.get("track_ids") : root.path("trackIds") : null;
        if (ids == null || (!ids.isMissingNode() && !ids.isArray())) {
            throw ApiException.badRequest("track_ids: the body must be {\"track_ids\": [\"<uuid>\", ...]}");
        }
        List<UUID> out = new ArrayList<>();
        for (JsonNode id : ids) {
            out.add(Params.uuid("track_ids", id.asText()));
        }
        return out;
    }
}
