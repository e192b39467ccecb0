package dev.trackenricher.review;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import dev.trackenricher.api.Params;
import dev.trackenricher.curation.Curator;
import dev.trackenricher.source.SourceClients;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** GET /review, GET /review/{id}, POST /review/{id}/accept, POST /review/{id}/reject. */
@Component
public class ReviewApi {

    private final ReviewItems items;
    private final ReviewDecisions decisions;
    private final SourceClients clients;
    private final ObjectMapper json;
    private final int defaultLimit;
    private final int maxLimit;

    public ReviewApi(ReviewItems items, ReviewDecisions decisions, SourceClients clients, ObjectMapper json, ReviewSettings settings) {
        this.items = items;
        this.decisions = decisions;
        this.clients = clients;
        this.json = json;
        this.defaultLimit = settings.pageSize();
        this.maxLimit = settings.maxPageSize();
    }

    public ApiResponse list(@Header("source") String source, @Header("limit") String limit, @Header("after") String after) {
        String only = blank(source) ? null : source.trim();
        if (only != null && !clients.exists(only)) {
            throw ApiException.badRequest("source: \"" + shorten(only) + "\" is not a source (" + String.join(", ", clients.names()) + ")");
        }
        int size = limit(limit);
        ReviewItems.Page page = items.openItems(only, size, blank(after) ? null : ReviewCursor.parse(after));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("limit", size);
        body.put("next", page.next() == null ? null : page.next().token());
        return ApiResponse.ok(body);
    }

    public ApiResponse get(@Header("id") String id) {
        UUID itemId = Params.uuid("id", id);
        return ApiResponse.ok(items.find(itemId).orElseThrow(() -> ApiException.notFound("no review item " + itemId)));
    }

    public ApiResponse accept(@Header("id") String id, @Body String body) {
        UUID itemId = Params.uuid("id", id);
        JsonNode request = object(body, true);
        JsonNode candidate = request.get("candidate");
        if (candidate == null || candidate.isNull()) {
            throw ApiException.badRequest("candidate: is required (the id of one of the item's candidates, as GET /review/" + itemId + " lists them)");
        }
        if (!candidate.isTextual() || candidate.asText().isBlank()) {
            throw ApiException.badRequest("candidate: must be a candidate's id (a string), got " + shorten(candidate.toString()));
        }
        return ApiResponse.ok(decisions.accept(itemId, candidate.asText().trim(), Curator.current()));
    }

    public ApiResponse reject(@Header("id") String id, @Body String body) {
        UUID itemId = Params.uuid("id", id);
        object(body, false);
        return ApiResponse.ok(decisions.reject(itemId, Curator.current()));
    }

    /** The request body: a JSON object with at most a {@code candidate}; none at all for a reject. */
    private JsonNode object(String body, boolean candidateAllowed) {
        if (blank(body) && !candidateAllowed) {
            return json.createObjectNode();
        }
        JsonNode root;
        try {
            root = json.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw ApiException.badRequest("body: must be a JSON object" + (candidateAllowed ? ", e.g. {\"candidate\": \"<id>\"}" : " (or none)"));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!candidateAllowed || !name.equals("candidate")) {
                throw ApiException.badRequest(name + ": unknown field" + (candidateAllowed ? " (expected candidate)" : " (a reject takes none)"));
            }
        }
        return root;
    }

    private int limit(String value) {
        if (blank(value)) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit: \"" + shorten(value) + "\" is not a whole number");
        }
        if (limit <= 0 || limit > maxLimit) {
            throw ApiException.badRequest("limit: " + limit + " is out of range (1 to " + maxLimit + ")");
        }
        return limit;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String shorten(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }
}
