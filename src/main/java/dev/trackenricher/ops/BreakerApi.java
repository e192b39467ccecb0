package dev.trackenricher.ops;

import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.breaker.SourceBreakers;
import dev.trackenricher.source.breaker.SourceStops;
import dev.trackenricher.source.limits.RateLimits;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * POST /sources/{name}/breaker/reset: an operator closes a source's breaker and lifts a stop, a
 * pause and its switched-off features. A REST handler, so here beside the other operations' handlers
 * rather than in source/breaker: nothing in source/** depends on the REST layer.
 */
@Component
public class BreakerApi {

    private static final Logger log = LoggerFactory.getLogger(BreakerApi.class);

    private final SourceBreakers breakers;
    private final SourceStops stops;
    private final RateLimits limits;
    private final SourcesProperties sources;

    public BreakerApi(SourceBreakers breakers, SourceStops stops, RateLimits limits, SourcesProperties sources) {
        this.breakers = breakers;
        this.stops = stops;
        this.limits = limits;
        this.sources = sources;
    }

    public ApiResponse reset(@Header("name") String name) {
        if (name == null || !sources.sources().containsKey(name)) {
            throw ApiException.notFound("name: no source \"" + name + "\"; sources are " + sources.sources().keySet());
        }
        String before = SourceBreakers.stateName(breakers.breaker(name).getState());
        breakers.reset(name);
        stops.reset(name);
        limits.reset(name);
        String after = SourceBreakers.stateName(breakers.breaker(name).getState());
        log.info("{} breaker reset by an operator: {} -> {}", name, before, after);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", name);
        body.put("previous_state", before);
        body.put("breaker_state", after);
        return ApiResponse.ok(body);
    }
}
