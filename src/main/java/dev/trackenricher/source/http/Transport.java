package dev.trackenricher.source.http;

import java.net.http.HttpRequest;

/**
 * Sends one request of one source and reads its whole answer. The layers of the source
 * infrastructure wrap one another as transports: the response cache, then the rate-limit permit,
 * then the HTTP exchange itself ({@link HttpTransport}).
 *
 * <p>Throws {@link dev.trackenricher.source.SourceFailureException} when no answer came (timeout,
 * I/O error, an answer too large) and {@link dev.trackenricher.source.SourceRateLimitedException}
 * when the request may not leave (no permit in time). Any HTTP status is an answer.
 */
@FunctionalInterface
public interface Transport {

    HttpAnswer send(HttpRequest request);
}
