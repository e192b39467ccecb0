package dev.trackenricher.ops;

import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.breaker.SourceBreakers;
import dev.trackenricher.source.breaker.SourceStops;
import dev.trackenricher.source.limits.RateLimits;
import dev.trackenricher.source.limits.SourcePause;
import dev.trackenricher.status.TrackStatusRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * POST /sources/{name}/breaker/reset: an operator closes a source's breaker and lifts a stop, a
 * pause and its switched-off features. POST /sources/{name}/pause/lift: lifts only the pause (for
 * every instance: it is stored), starts the source's budget window afresh, and makes the tracks that
 * waited for the source due now. REST handlers, so here beside the other operations' handlers rather
 * than in source/breaker: nothing in source/** depends on the REST layer.
 */
@Component
public class BreakerApi {

    private static final Logger log = LoggerFactory.getLogger(BreakerApi.class);

    private final SourceBreakers breakers;
    private final SourceStops stops;
    private final RateLimits limits;
    private final SourcesProperties sources;
    private final TrackStatusRepository statuses;

    public BreakerApi(SourceBreakers breakers, SourceStops stops, RateLimits limits, SourcesProperties sources,
                      TrackStatusRepository statuses) {
        this.breakers = breakers;
        this.stops = stops;
        this.limits = limits;
        this.sources = sources;
        this.statuses = statuses;
    }

    public ApiResponse reset(@Header("name") String name) {
        requireSource(name);
        String before = SourceBreakers.stateName(breakers.breaker(name).getState());
        Optional<SourcePause> pause = limits.pause(name);
        breakers.reset(name);
        stops.reset(name);
        limits.reset(name);
        int due = pause.isPresent() ? statuses.dueNowWaitingFor(name) : 0;
        String after = SourceBreakers.stateName(breakers.breaker(name).getState());
        log.info("{} breaker reset by an operator: {} -> {}{}", name, before, after,
                pause.map(p -> "; pause until " + p.until() + " lifted, " + due + " waiting tracks due now").orElse(""));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", name);
        body.put("previous_state", before);
        body.put("breaker_state", after);
        body.put("lifted_pause", pause.map(BreakerApi::pause).orElse(null));
        return ApiResponse.ok(body);
    }

    public ApiResponse liftPause(@Header("name") String name) {
        requireSource(name);
        Optional<SourcePause> lifted = limits.liftPause(name);
        int due = statuses.dueNowWaitingFor(name);
        log.info("{}: pause lifted by an operator ({}); {} tracks waiting for it due now", name,
                lifted.map(p -> "it was paused until " + p.until() + ": " + p.reason()).orElse("it was not paused"), due);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", name);
        body.put("lifted", lifted.isPresent());
        body.put("lifted_pause", lifted.map(BreakerApi::pause).orElse(null));
        body.put("tracks_due_now", due);
        return ApiResponse.ok(body);
    }

    private void requireSource(String name) {
        if (name == null || !sources.sources().containsKey(name)) {
            throw ApiException.notFound("name: no source \"" + name + "\"; sources are " + sources.sources().keySet());
        }
    }

    static Map<String, Object> pause(SourcePause p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("paused_until", p.until().toString());
        m.put("reason", p.reason());
        m.put("since", p.since().toString());
        return m;
    }
}
