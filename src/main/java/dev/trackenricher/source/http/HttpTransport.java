package dev.trackenricher.source.http;

import dev.trackenricher.source.SourceFailureException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The HTTP exchange of one source: the JDK client, the whole exchange (headers and body) bounded
 * by the source's timeout, the body by {@code enricher.limits.max-answer-size}, and the
 * {@code api_calls} / {@code api_response_time} metrics.
 *
 * <p>Sent with the blocking {@code send} on the caller's thread (a branch thread), not
 * {@code sendAsync}: on a machine with fewer than three cores the JDK completes every async
 * exchange on a thread of its own, started for it, which cost more than the rest of the call. The
 * body's deadline is kept by one shared timer thread.
 */
public final class HttpTransport implements Transport {

    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final String source;
    private final HttpClient client;
    private final long timeoutNanos;
    private final long timeoutMillis;
    private final long maxAnswerBytes;
    private final CallMetrics metrics;

    public HttpTransport(String source, Duration timeout, Duration connectTimeout, long maxAnswerBytes, MeterRegistry meters) {
        this.source = source;
        this.timeoutNanos = timeout.toNanos();
        this.timeoutMillis = timeout.toMillis();
        this.maxAnswerBytes = maxAnswerBytes;
        this.metrics = new CallMetrics(source, meters);
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "source-http-deadlines");
            t.setDaemon(true);
            return t;
        });
        // most deadlines are cancelled (the answer came in time): drop them at once, not when they would have fired
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    @Override
    public HttpAnswer send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, BoundedBody.upTo(maxAnswerBytes, start + timeoutNanos, DEADLINES));
            metrics.count(response.statusCode());
            return new HttpAnswer(source, request.uri(), response.statusCode(), response.headers(), response.body());
        } catch (HttpTimeoutException e) {
            metrics.count("timeout");
            throw didNotAnswer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.count("interrupted");
            throw new SourceFailureException(source + " call interrupted");
        } catch (IOException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BoundedBody.TooSlow || c instanceof HttpTimeoutException) {
                    metrics.count("timeout");
                    throw didNotAnswer();
                }
                if (c instanceof SourceFailureException tooLarge) {
                    metrics.count("error");
                    throw new SourceFailureException(source + " " + tooLarge.getMessage());
                }
            }
            metrics.count("error");
            Throwable cause = e.getCause() != null && e.getClass() == IOException.class ? e.getCause() : e;
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new SourceFailureException(source + " " + (cause instanceof IOException ? "I/O error" : cause.getClass().getSimpleName())
                    + ": " + message, cause);
        } catch (RuntimeException e) {
            // the JDK client's own unchecked refusals (a URI it cannot send, a closed client): this request's failure
            metrics.count("error");
            throw new SourceFailureException(source + " " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } finally {
            metrics.time(System.nanoTime() - start);
        }
    }

    private SourceFailureException didNotAnswer() {
        return new SourceFailureException(source + " did not answer within " + timeoutMillis + " ms");
    }
}
