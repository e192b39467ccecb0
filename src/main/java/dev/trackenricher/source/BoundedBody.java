package dev.trackenricher.source;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer body read as text, like {@code BodyHandlers.ofString()}, but at most {@code max}
 * bytes: a source that answers with more (a runaway or hostile server) fails this request as soon
 * as the bound is passed, instead of filling the heap. The JDK offers no bounded handler.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {

    private final long max;
    private final Charset charset;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;
    private long seen;

    private BoundedBody(long max, Charset charset) {
        this.max = max;
        this.charset = charset;
    }

    static HttpResponse.BodyHandler<String> upTo(long max) {
        return info -> new BoundedBody(max, charset(info.headers().firstValue("Content-Type").orElse("")));
    }

    /** The charset a Content-Type names, UTF-8 when it names none or one we do not know. */
    static Charset charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring("charset=".length()).replace("\"", "").strip());
                } catch (RuntimeException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            seen += b.remaining();
            if (seen > max) {
                subscription.cancel();
                result.completeExceptionally(new SourceFailureException("answer larger than " + max + " bytes; not read further"));
                return;
            }
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            buffer.writeBytes(bytes);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toString(charset));
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }
}
