package dev.trackenricher.batch.reprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.cli.CommandLineMode;
import dev.trackenricher.security.ApiToken;
import dev.trackenricher.security.SecuritySettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * On the command line: asks the running service ({@code enricher.reprocess.service-url}) to enrich
 * the reset tracks, over its REST API ({@code POST /enrich/trigger} with their ids). The command
 * line has no routes of its own, and the service is where enrich runs belong: its breakers and
 * its progress are the ones operators watch. The request carries the service's API token
 * ({@code enricher.security.api-token}, or the token file the service generated).
 */
@Component
@Profile(CommandLineMode.PROFILE)
public class RunningServiceEnrichmentTrigger implements EnrichmentTrigger {

    private final ReprocessSettings settings;
    private final SecuritySettings security;
    private final ObjectMapper json;
    private final HttpClient http;

    public RunningServiceEnrichmentTrigger(ReprocessSettings settings, SecuritySettings security, ObjectMapper json) {
        this.settings = settings;
        this.security = security;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.serviceTimeout()).build();
    }

    @Override
    public void checkReady() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/health")).GET());
        if (answer.statusCode() == 404) {
            throw new IllegalStateException(settings.serviceUrl() + " answers, but is not track-enricher (GET /health: 404)");
        }
        token();
    }

    private String token() {
        return ApiToken.forClient(security).orElseThrow(() -> new IllegalStateException("no API token to send to the service: set "
                + "ENRICHER_SECURITY_API_TOKEN (enricher.security.api-token) to the service's token, or run where its token file "
                + security.tokenFile() + " is readable"));
    }

    @Override
    public Long trigger(List<UUID> trackIds) {
        String body;
        try {
            body = json.writeValueAsString(Map.of("track_ids", trackIds.stream().map(UUID::toString).toList()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/enrich/trigger?limit=" + trackIds.size()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (answer.statusCode() == 401) {
            throw new IllegalStateException("the service at " + settings.serviceUrl() + " refused the API token (401): set "
                    + "ENRICHER_SECURITY_API_TOKEN to the token the service uses");
        }
        JsonNode reply;
        try {
            reply = json.readTree(answer.body());
        } catch (IOException e) {
            reply = json.createObjectNode();
        }
        if (answer.statusCode() == 202 && reply.path("job_execution_id").isNull() && "queued".equals(reply.path("run").asText())) {
            // a run was just ending: the service starts the next one for these tracks
            return null;
        }
        if (answer.statusCode() != 202 || !reply.path("job_execution_id").canConvertToLong()) {
            throw new IllegalStateException("POST " + uri("/enrich/trigger") + " answered " + answer.statusCode()
                    + (reply.hasNonNull("error") ? ": " + reply.get("error").asText() : ""));
        }
        return reply.get("job_execution_id").asLong();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(settings.serviceTimeout()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("the service at " + settings.serviceUrl() + " is not reachable (is it running? "
                    + "ENRICHER_REPROCESS_SERVICE_URL says where)");
        } catch (IOException e) {
            throw new IllegalStateException("the service at " + settings.serviceUrl() + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + settings.serviceUrl());
        }
    }

    private URI uri(String path) {
        String base = settings.serviceUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }
}
