package dev.trackenricher.batch.cycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import dev.trackenricher.api.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * POST /enrich/trigger?limit=N: enrich up to N due tracks now. An optional JSON body
 * {@code {"track_ids": [...]}} names the tracks (taken when they are due). Answers at once, always
 * 202 with the run that takes them ({@link TriggerAnswer}): a run it started, or the run already
 * going (here or on another instance: one run at a time).
 */
@Component
public class EnrichApi {

    private final EnrichRuns runs;
    private final ObjectMapper json;

    public EnrichApi(EnrichRuns runs, ObjectMapper json) {
        this.runs = runs;
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
        TriggerAnswer answer = runs.request(new RunRequest(max, trackIds(body), "POST /enrich/trigger"));
        return ApiResponse.accepted(answer.body());
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
