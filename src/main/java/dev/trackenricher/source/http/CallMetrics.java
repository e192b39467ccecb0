package dev.trackenricher.source.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code api_calls{api,status}} (by HTTP status, or timeout / error / interrupted) and
 * {@code api_response_time{api}} of one source. Each counter is registered once and kept: looking
 * a meter up in the registry on every call costs more than the call's own bookkeeping.
 */
final class CallMetrics {

    private final String source;
    private final MeterRegistry meters;
    private final Timer responseTime;
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();

    CallMetrics(String source, MeterRegistry meters) {
        this.source = source;
        this.meters = meters;
        this.responseTime = Timer.builder("api_response_time")
                .description("Response time of the source APIs")
                .tag("api", source)
                .publishPercentileHistogram()
                .register(meters);
    }

    void count(String status) {
        calls.computeIfAbsent(status, s -> Counter.builder("api_calls")
                .description("Calls to the source APIs by HTTP status (or timeout / error)")
                .tag("api", source)
                .tag("status", s)
                .register(meters)).increment();
    }

    void count(int status) {
        count(status >= 0 && status < STATUS_NAMES.length ? STATUS_NAMES[status] : String.valueOf(status));
    }

    void time(long nanos) {
        responseTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** "100" … "599" made once, so counting a status allocates nothing. */
    private static final String[] STATUS_NAMES = new String[600];

    static {
        for (int i = 0; i < STATUS_NAMES.length; i++) {
            STATUS_NAMES[i] = String.valueOf(i);
        }
    }
}
