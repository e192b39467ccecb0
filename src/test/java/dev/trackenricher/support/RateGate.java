package dev.trackenricher.support;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays an API's own rate limiter in the stub server, as MusicBrainz does: a request that arrives
 * sooner than {@code min-spacing-ms} after the previous one (of the same {@code gate}) is answered
 * 503 with MusicBrainz's body instead of the stub's answer. Applies only to stubs that name it
 * ({@code withTransformers(RateGate.NAME)}); counts what it refused.
 */
public final class RateGate implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "rate-gate";
    private static final Map<String, Long> LAST_ARRIVAL = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> REFUSED = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String gate = String.valueOf(serveEvent.getTransformerParameters().getOrDefault("gate", "default"));
        long minSpacingNanos = Long.parseLong(String.valueOf(serveEvent.getTransformerParameters().getOrDefault("min-spacing-ms", "1000")))
                * 1_000_000L;
        long now = System.nanoTime();
        boolean tooSoon;
        synchronized (LAST_ARRIVAL) {
            Long last = LAST_ARRIVAL.get(gate);
            tooSoon = last != null && now - last < minSpacingNanos;
            LAST_ARRIVAL.put(gate, now);
        }
        if (!tooSoon) {
            return serveEvent.getResponseDefinition();
        }
        REFUSED.computeIfAbsent(gate, g -> new AtomicInteger()).incrementAndGet();
        return WireMock.aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"Your requests are exceeding the allowable rate limit. Please see "
                        + "http://wiki.musicbrainz.org/XMLWebService for more information.\",\"help\":\"For usage, please see: "
                        + "https://musicbrainz.org/development/mmd\"}")
                .build();
    }

    /** How many requests of this gate were refused with 503. */
    public static int refused(String gate) {
        AtomicInteger n = REFUSED.get(gate);
        return n == null ? 0 : n.get();
    }

    public static void reset(String gate) {
        synchronized (LAST_ARRIVAL) {
            LAST_ARRIVAL.remove(gate);
        }
        REFUSED.remove(gate);
    }
}
