package dev.trackenricher.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain HTTP client for the service's REST API in tests. It sends the tests' API token
 * ({@code enricher.security.api-token} of application-test.yml) unless made {@link #withoutToken()}.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API token of the test profile, read from application-test.yml. */
    public static final String TEST_TOKEN = testToken();

    private final int port;
    private final String token;

    public Http(int port) {
        this(port, TEST_TOKEN);
    }

    /** @param token the bearer token to send, or null for none */
    public Http(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** The same client sending no Authorization header. */
    public Http withoutToken() {
        return new Http(port, null);
    }

    /** The same client sending this bearer token. */
    public Http withToken(String other) {
        return new Http(port, other);
    }

    private static String testToken() {
        org.springframework.beans.factory.config.YamlPropertiesFactoryBean yaml = new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
        yaml.setResources(new org.springframework.core.io.ClassPathResource("application-test.yml"));
        String t = yaml.getObject().getProperty("enricher.security.api-token");
        if (t == null) {
            throw new IllegalStateException("application-test.yml names no enricher.security.api-token");
        }
        return t;
    }

    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Answer send(HttpRequest.Builder request) {
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> r;
            try {
                r = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException stale) {
                // Tomcat closes a connection after refusing a body it would not read (413), and the JDK client may hand
                // that connection to the next request, which then gets no bytes at all: the server never saw it, so it is
                // sent once more on a fresh connection
                if (!String.valueOf(stale.getMessage()).contains("received no bytes")) {
                    throw stale;
                }
                r = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            }
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
