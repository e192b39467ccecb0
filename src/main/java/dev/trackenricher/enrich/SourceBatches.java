package dev.trackenricher.enrich;

import dev.trackenricher.source.Hint;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceClient;
import dev.trackenricher.source.SourceClients;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.SourceSettings;
import dev.trackenricher.source.SourcesProperties;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Collects the tracks in flight into batch requests, per source with a batch form and
 * {@code batch.size} above 1 ({@link SourceBatchSettings}): the branch of each track that
 * {@link SourceClient#joinsBatch joins a batch} waits here, and one request (the route
 * {@code source-batch-<name>}, through the source's breaker) answers them all; each branch gets its
 * own track's result back and goes on as if it had asked alone.
 *
 * <p>When a batch leaves: when it is full; or {@code batch.wait} after one of its tracks has
 * nothing left to wait for but this source (every other source of its fan-out has answered, the
 * ones that run after this source aside); or when its oldest track has waited {@code max-wait}, or
 * would not otherwise get its answer within the fan-out's timeout. So a track never waits for a
 * batch to fill longer than {@code wait} beyond what its other sources take anyway: while a slow
 * source (GetSongBPM at 0.8/s) holds the tracks in flight, the batch gathers them, and a track the
 * others are done with is answered at once. One batch per source is in the air at a time unless a
 * batch is full or late: the next one gathers meanwhile (its request would only wait for the
 * limiter's next permit).
 *
 * <p>The request is sent on the thread of one of the batch's own tracks (the oldest), so batching
 * needs no threads of its own but one ticker that decides when a batch leaves.
 *
 * <p>Why a bean and not Camel's Aggregator: the Aggregator sends the aggregate onwards and lets
 * each incoming exchange go on at once, while a branch needs its own track's answer back before
 * it goes on (to record it, to start the sources after it); and its completion conditions (size,
 * an inactivity timeout, an interval, a predicate on arrival) cannot say "a member's other sources
 * have answered", which is what keeps a track from waiting for a batch to fill. The call itself
 * stays in the routes: {@code source-batch} in routes/sources.yaml puts it through the source's
 * circuit breaker.
 */
@Component("sourceBatches")
public class SourceBatches {

    /** Exchange property: this admitted request waits for its source's batch ({@link #mark}). */
    public static final String BATCHED = "batched";

    private static final Logger log = LoggerFactory.getLogger(SourceBatches.class);
    /** How often waiting tracks are looked at: a batch leaves at most this much later than it may. */
    private static final Duration TICK = Duration.ofMillis(20);

    private final Map<String, Collector> collectors = new TreeMap<>();
    private final ProducerTemplate camel;
    private final SourceHints hints;
    private final long fanoutTimeoutNanos;
    private final ScheduledExecutorService ticker;

    public SourceBatches(SourceClients clients, SourcesProperties sources, Environment environment, ProducerTemplate camel, SourceHints hints,
                         MeterRegistry meters, @Value("${enricher.fanout.timeout:60000}") long fanoutTimeoutMillis) {
        this.camel = camel;
        this.hints = hints;
        this.fanoutTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(fanoutTimeoutMillis);
        Binder binder = Binder.get(environment);
        for (SourceClient client : clients.all()) {
            SourceBatchSettings settings = settings(binder, client.name());
            int size = Math.min(settings.size(), client.maxBatch());
            if (size > 1) {
                collectors.put(client.name(), new Collector(client, sources.settings(client.name()), settings, size, descendants(clients,
                        client.name()), DistributionSummary.builder("enrichment_batch_size").description("Tracks per batch request")
                        .tag("source", client.name()).register(meters)));
            }
        }
        if (collectors.isEmpty()) {
            this.ticker = null;
            return;
        }
        collectors.values().forEach(c -> log.info("{}: tracks in flight asked in batches of up to {} (wait {} ms once a track's other sources "
                + "answered, {} ms at most)", c.source, c.size, c.settings.idleWait().toMillis(), c.settings.maxWait().toMillis()));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "source-batches");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static SourceBatchSettings settings(Binder binder, String source) {
        String key = "enricher.sources." + source + ".batch";
        try {
            return binder.bind(key, Bindable.of(SourceBatchSettings.class)).orElseGet(SourceBatchSettings::off);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException(key + ": " + root.getMessage(), e);
        }
    }

    /** The sources that run after this one, directly or not (AcousticBrainz after MusicBrainz): a track does not wait for them. */
    private static Set<String> descendants(SourceClients clients, String source) {
        Set<String> out = new HashSet<>();
        List<String> next = new ArrayList<>(clients.followers(source));
        while (!next.isEmpty()) {
            String s = next.remove(next.size() - 1);
            if (out.add(s)) {
                next.addAll(clients.followers(s));
            }
        }
        return out;
    }

    /** Whether this source's tracks are collected into batches. */
    public boolean batching(String source) {
        return collectors.containsKey(source);
    }

    /** The batch size a source's requests are collected to (1 when it asks each track alone). */
    public int size(String source) {
        Collector c = collectors.get(source);
        return c == null ? 1 : c.size;
    }

    /** Branch step after the gate: sets {@link #BATCHED} when the admitted request goes into its source's batch. */
    public void mark(Exchange exchange) {
        String source = exchange.getProperty(Branch.SOURCE, String.class);
        Collector c = source == null ? null : collectors.get(source);
        boolean batched = c != null && Boolean.TRUE.equals(exchange.getProperty(Branch.ADMITTED, Boolean.class))
                && exchange.getMessage().getBody() instanceof SourceRequest request && c.client.joinsBatch(request);
        exchange.setProperty(BATCHED, batched);
    }

    /**
     * Branch step for a batched request: waits for its batch and returns this track's result (its
     * hints taken off: the batch applied them once). Bounded: by the batch's leaving time plus the
     * source's timeout and permit wait.
     */
    public SourceResult collect(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        String source = exchange.getProperty(Branch.SOURCE, String.class);
        SourceRequest request = exchange.getMessage().getMandatoryBody(SourceRequest.class);
        EnrichmentContext context = exchange.getProperty(EnrichmentContext.PROPERTY, EnrichmentContext.class);
        Collector c = collectors.get(source);
        long now = System.nanoTime();
        long latest = context == null ? now + c.maxWaitNanos : context.startedNanos() + fanoutTimeoutNanos - c.requestBoundNanos;
        Member me = new Member(request, context, Math.min(now + c.maxWaitNanos, latest));
        c.join(me);
        long bound = Math.max(0, me.deadline - now) + c.requestBoundNanos + 2 * TICK.toNanos();
        try {
            Turn turn = me.turn.get(bound, TimeUnit.NANOSECONDS);
            return turn instanceof Carry carry ? carry(c, carry.batch(), me) : ((Answer) turn).result();
        } catch (TimeoutException e) {
            return SourceResult.of(source, Outcome.FAILED, c.withdraw(me) ? "no " + source + " batch left in time"
                    : "the " + source + " batch request did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.withdraw(me);
            return SourceResult.of(source, Outcome.FAILED, "interrupted while waiting for the " + source + " batch");
        } catch (ExecutionException e) {
            return SourceResult.failed(source, e.getCause());
        }
    }

    /** Sends the batch (this thread's track is in it), hands every other track its result and returns this one's. */
    private SourceResult carry(Collector c, List<Member> batch, Member me) {
        List<SourceRequest> requests = batch.stream().map(m -> m.request).toList();
        Map<UUID, SourceResult> results;
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        try {
            // the request serves many tracks: its log lines name the source, not this thread's track
            MDC.remove(TrackLogContext.CORRELATION_ID);
            MDC.remove(TrackLogContext.TRACK_ID);
            MDC.put(TrackLogContext.API, c.source);
            results = send(c.source, requests);
        } catch (RuntimeException e) {
            log.warn("{}: the batch of {} tracks failed as a whole: {}", c.source, batch.size(), e.toString());
            results = new LinkedHashMap<>();
            for (SourceRequest r : requests) {
                results.put(r.trackId(), SourceResult.failed(c.source, e));
            }
        } finally {
            if (mdc == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(mdc);
            }
            c.done();
        }
        applyOnce(c.source, results.values());
        SourceResult mine = null;
        for (Member m : batch) {
            SourceResult r = results.get(m.request.trackId());
            r = r == null ? SourceResult.of(c.source, Outcome.FAILED, c.source + " answered the batch without this track") : withoutHints(r);
            if (m == me) {
                mine = r;
            } else {
                m.turn.complete(new Answer(r));
            }
        }
        return mine;
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, SourceResult> send(String source, List<SourceRequest> requests) {
        Object answer = camel.requestBody(SourceBatchCall.endpoint(source), requests);
        if (!(answer instanceof Map<?, ?> map)) {
            throw new IllegalStateException("the batch route of " + source + " answered " + (answer == null ? "nothing" : answer.getClass()));
        }
        return (Map<UUID, SourceResult>) map;
    }

    /** What the batch's answers said about asking again, applied once for the batch (not once per track: a Retry-After would add up). */
    private void applyOnce(String source, java.util.Collection<SourceResult> results) {
        Set<Hint> distinct = new LinkedHashSet<>();
        results.forEach(r -> distinct.addAll(r.hints()));
        if (!distinct.isEmpty()) {
            hints.apply(new SourceResult(source, Outcome.FAILED, Map.of(), null, null, List.copyOf(distinct)));
        }
    }

    private static SourceResult withoutHints(SourceResult r) {
        return r.hints().isEmpty() ? r : new SourceResult(r.source(), r.outcome(), r.fields(), r.error(), r.confidence(), List.of());
    }

    private void tick() {
        long now = System.nanoTime();
        for (Collector c : collectors.values()) {
            try {
                c.tick(now);
            } catch (RuntimeException e) {
                // the ticker must go on: a track it fails to look at still leaves by its deadline on the next tick
                log.warn("{}: looking at the waiting batch failed: {}", c.source, e.toString());
            }
        }
    }

    @PreDestroy
    void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        collectors.values().forEach(Collector::abandon);
    }

    // ------------------------------------------------------------------ one source's waiting tracks

    /** A waiting track's turn: its result, or the batch its thread is to send. */
    private interface Turn {
    }

    private record Answer(SourceResult result) implements Turn {
    }

    private record Carry(List<Member> batch) implements Turn {
    }

    private static final class Member {
        final SourceRequest request;
        final EnrichmentContext context;
        final long deadline;
        /** when it was first seen with nothing but this source left to wait for; 0 until then */
        long idleSince;
        final CompletableFuture<Turn> turn = new CompletableFuture<>();

        Member(SourceRequest request, EnrichmentContext context, long deadline) {
            this.request = request;
            this.context = context;
            this.deadline = deadline;
        }
    }

    private static final class Collector {
        final String source;
        final SourceClient client;
        final SourceBatchSettings settings;
        final int size;
        final Set<String> after;
        final long waitNanos;
        final long maxWaitNanos;
        /** the longest one request may take: its permit wait and its timeout */
        final long requestBoundNanos;
        final DistributionSummary sizes;
        private final ArrayDeque<Member> waiting = new ArrayDeque<>();
        private int inFlight;

        Collector(SourceClient client, SourceSettings source, SourceBatchSettings settings, int size, Set<String> after,
                  DistributionSummary sizes) {
            this.source = client.name();
            this.client = client;
            this.settings = settings;
            this.size = size;
            this.after = Collections.unmodifiableSet(after);
            this.waitNanos = settings.idleWait().toNanos();
            this.maxWaitNanos = settings.maxWait().toNanos();
            this.requestBoundNanos = source.timeout().plus(source.maxPermitWait()).toNanos();
            this.sizes = sizes;
        }

        synchronized void join(Member m) {
            waiting.add(m);
            long now = System.nanoTime();
            noteIdle(m, now);
            dispatchReady(now);
        }

        synchronized void tick(long now) {
            for (Iterator<Member> it = waiting.iterator(); it.hasNext(); ) {
                Member m = it.next();
                if (m.context != null && m.context.isSealed()) {
                    // its fan-out is over: nobody takes this answer any more, so it is not asked
                    it.remove();
                    m.turn.complete(new Answer(SourceResult.of(source, Outcome.FAILED, "the fan-out ended before the " + source
                            + " batch left")));
                    continue;
                }
                noteIdle(m, now);
            }
            dispatchReady(now);
        }

        private void noteIdle(Member m, long now) {
            if (m.idleSince == 0 && onlyThisLeft(m.context)) {
                m.idleSince = now;
            }
        }

        /** Every other source of the track's fan-out has its result (the ones that run after this source aside). */
        private boolean onlyThisLeft(EnrichmentContext context) {
            if (context == null) {
                return true;
            }
            for (String s : context.plan()) {
                if (!s.equals(source) && !after.contains(s) && context.result(s).isEmpty()) {
                    return false;
                }
            }
            return true;
        }

        private void dispatchReady(long now) {
            while (!waiting.isEmpty() && ready(now)) {
                List<Member> batch = new ArrayList<>(Math.min(size, waiting.size()));
                while (batch.size() < size && !waiting.isEmpty()) {
                    batch.add(waiting.poll());
                }
                inFlight++;
                sizes.record(batch.size());
                batch.get(0).turn.complete(new Carry(batch));
            }
        }

        private boolean ready(long now) {
            if (waiting.size() >= size) {
                return true;
            }
            boolean due = false;
            for (Member m : waiting) {
                if (now - m.deadline >= 0) {
                    return true;
                }
                due |= m.idleSince != 0 && now - m.idleSince >= waitNanos;
            }
            return due && inFlight == 0;
        }

        synchronized void done() {
            inFlight--;
            dispatchReady(System.nanoTime());
        }

        synchronized boolean withdraw(Member m) {
            return waiting.remove(m);
        }

        synchronized void abandon() {
            for (Member m : waiting) {
                m.turn.complete(new Answer(SourceResult.of(source, Outcome.FAILED, "shutting down before the " + source + " batch left")));
            }
            waiting.clear();
        }
    }
}
