package dev.trackenricher.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of one source: base URL, User-Agent, explicit timeouts, proper query encoding,
 * and the api_calls / api_response_time metrics. Clients build paths and read answers.
 */
public class SourceHttp {

    private final String source;
    private final SourceSettings settings;
    private final String userAgent;
    private final HttpClient client;
    private final MeterRegistry meters;
    private final Timer responseTime;
    private final Secrets secrets;

    public SourceHttp(String source, SourceSettings settings, String userAgent, MeterRegistry meters) {
        this.source = source;
        this.settings = settings;
        this.userAgent = userAgent;
        this.meters = meters;
        this.secrets = Secrets.of(java.util.Arrays.asList(settings.apiKey(), settings.token(), settings.clientSecret()));
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.responseTime = Timer.builder("api_response_time")
                .description("Response time of the source APIs")
                .tag("api", source)
                .publishPercentileHistogram()
                .register(meters);
    }

    public String source() {
        return source;
    }

    public SourceSettings settings() {
        return settings;
    }

    /** {@code base-url + path + ?query}, each query value percent-encoded (a space as %20). */
    public URI uri(String path, Map<String, String> query) {
        String base = settings.baseUrl().toString();
        if (base.endsWith("/") && path.startsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String q = encode(query);
        return URI.create(base + path + (q.isEmpty() ? "" : "?" + q));
    }

    public static String encode(Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&");
        query.forEach((k, v) -> joined.add(encodeComponent(k) + "=" + encodeComponent(v)));
        return joined.toString();
    }

    /** URLEncoder is form encoding: it turns spaces into '+', which a query would read as a literal plus. */
    public static String encodeComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("User-Agent", userAgent)
                .header("Accept", "application/json");
    }

    public HttpAnswer get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder builder = request(uri).GET();
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /**
     * Sends and reads the whole answer within the source's timeout. The JDK client's own request
     * timeout stops at the headers; a server trickling its body is bounded here.
     */
    public HttpAnswer send(HttpRequest request) {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> response = future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            count(String.valueOf(response.statusCode()));
            return new HttpAnswer(source, request.uri(), response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            count("timeout");
            throw new SourceFailureException(source + " did not answer within " + settings.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            count("interrupted");
            throw new SourceFailureException(source + " call interrupted");
        } catch (ExecutionException e) {
            count("error");
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String kind = cause instanceof IOException ? "I/O error" : cause.getClass().getSimpleName();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : secrets.scrub(cause.getMessage());
            throw new SourceFailureException(source + " " + kind + ": " + message, cause);
        } finally {
            responseTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void count(String status) {
        Counter.builder("api_calls")
                .description("Calls to the source APIs by HTTP status (or timeout / error)")
                .tag("api", source)
                .tag("status", status)
                .register(meters)
                .increment();
    }
}
