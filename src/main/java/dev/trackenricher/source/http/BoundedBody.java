package dev.trackenricher.source.http;

import dev.trackenricher.source.SourceFailureException;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An answer body read as text, like {@code BodyHandlers.ofString()}, but bounded twice: at most
 * {@code max} bytes (a runaway or hostile server fails the request as soon as the bound is passed,
 * instead of filling the heap), and by a deadline (a server trickling its body, or stalling in it,
 * is cut off when the exchange's time is up). The JDK offers neither: its request timeout stops at
 * the headers.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {

    /** The deadline passed before the body was read whole. */
    static final class TooSlow extends RuntimeException {
        TooSlow() {
            super("answer not read whole in time", null, false, false);
        }
    }

    private final long max;
    private final Charset charset;
    private final long deadlineNanos;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;
    private volatile ScheduledFuture<?> cutOff;
    private long seen;

    private BoundedBody(long max, Charset charset, long deadlineNanos, ScheduledExecutorService timer) {
        this.max = max;
        this.charset = charset;
        this.deadlineNanos = deadlineNanos;
        this.timer = timer;
    }

    /** @param deadlineNanos {@link System#nanoTime()} by which the body must be read whole */
    static HttpResponse.BodyHandler<String> upTo(long max, long deadlineNanos, ScheduledExecutorService timer) {
        return info -> new BoundedBody(max, charset(info.headers().firstValue("Content-Type").orElse("")), deadlineNanos, timer);
    }

    /** The charset a Content-Type names, UTF-8 when it names none or one we do not know. */
    static Charset charset(String contentType) {
        if (contentType.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
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
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            fail(new TooSlow());
            return;
        }
        cutOff = timer.schedule(() -> fail(new TooSlow()), left, TimeUnit.NANOSECONDS);
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
                fail(new SourceFailureException("answer larger than " + max + " bytes; not read further"));
                return;
            }
            if (b.hasArray()) {
                buffer.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            } else {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                buffer.writeBytes(bytes);
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        done();
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        done();
        result.complete(buffer.toString(charset));
    }

    private void fail(RuntimeException why) {
        done();
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        result.completeExceptionally(why);
    }

    private void done() {
        ScheduledFuture<?> c = cutOff;
        if (c != null) {
            c.cancel(false);
        }
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }
}
