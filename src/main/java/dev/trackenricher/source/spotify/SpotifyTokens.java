package dev.trackenricher.source.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.credentials.Credentials;
import dev.trackenricher.json.JsonFields;
import dev.trackenricher.source.SourceConfigurationException;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.http.HttpAnswer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Spotify's client-credentials token: fetched once, reused until a minute before it expires,
 * fetched again on demand (after a 401) or when the client id or secret changed (rotated over the
 * API). One token for all threads.
 */
class SpotifyTokens {

    private static final Duration EARLY_REFRESH = Duration.ofSeconds(60);
    /** OAuth error codes that mean the client id / secret themselves are wrong (RFC 6749 §5.2). */
    private static final Set<String> CREDENTIAL_ERRORS = Set.of("invalid_client", "unauthorized_client");

    private final URI tokenUrl;
    private final Supplier<Credentials> credentials;
    private final Function<URI, HttpRequest.Builder> request;
    private final Function<HttpRequest, HttpAnswer> send;
    private final ObjectMapper json;
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;
    /** The client id and secret the token was fetched with. */
    private Credentials fetchedWith;

    /**
     * @param request builds a request with the source's timeout and User-Agent
     * @param send    sends outside the Web API's rate limit and the cache: the accounts service is not the Web API
     */
    SpotifyTokens(URI tokenUrl, Supplier<Credentials> credentials, Function<URI, HttpRequest.Builder> request,
                  Function<HttpRequest, HttpAnswer> send, ObjectMapper json, Clock clock) {
        this.tokenUrl = tokenUrl;
        this.credentials = credentials;
        this.request = request;
        this.send = send;
        this.json = json;
        this.clock = clock;
    }

    synchronized String current() {
        Credentials now = credentials.get();
        if (token == null || !clock.instant().isBefore(refreshAt) || !sameClient(now, fetchedWith)) {
            fetch();
        }
        return token;
    }

    /** Drops the token if it is still the one that was refused, so the next call fetches a new one. */
    synchronized void refused(String refusedToken) {
        if (refusedToken != null && refusedToken.equals(token)) {
            token = null;
        }
    }

    private JsonNode readError(HttpAnswer answer) {
        try {
            return answer.json(json);
        } catch (SourceFailureException notJson) {
            return json.createObjectNode();
        }
    }

    private static boolean sameClient(Credentials a, Credentials b) {
        return b != null && java.util.Objects.equals(a.clientId(), b.clientId()) && java.util.Objects.equals(a.clientSecret(), b.clientSecret());
    }

    private void fetch() {
        Credentials client = credentials.get();
        String basic = Base64.getEncoder().encodeToString(
                (client.clientId() + ":" + client.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest tokenRequest = request.apply(tokenUrl)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpAnswer answer = send.apply(tokenRequest);
        if (answer.status() == 400 || answer.status() == 401) {
            JsonNode error = readError(answer);
            String code = JsonFields.text(error, "error").orElse("HTTP " + answer.status());
            String message = "Spotify token refused: " + code
                    + JsonFields.text(error, "error_description").map(d -> " (" + d + ")").orElse("");
            if (CREDENTIAL_ERRORS.contains(code)) {
                // asking again with the same client id and secret cannot help
                throw new SourceConfigurationException(message);
            }
            throw new SourceFailureException(message);
        }
        JsonNode body = answer.requireOk().json(json);
        String accessToken = JsonFields.text(body, "access_token")
                .orElseThrow(() -> new SourceFailureException("Spotify token answer without access_token"));
        long expiresIn = JsonFields.integer(body, "expires_in").orElse(3600L);
        token = accessToken;
        fetchedWith = client;
        refreshAt = clock.instant().plusSeconds(expiresIn).minus(EARLY_REFRESH);
    }
}
