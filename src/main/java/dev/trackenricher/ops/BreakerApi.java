package dev.trackenricher.ops;

import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import dev.trackenricher.source.SourceGuards;
import dev.trackenricher.source.SourcesProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** POST /sources/{name}/breaker/reset: an operator closes a source's breaker (and lifts a stop or pause). */
@Component
public class BreakerApi {

    private static final Logger log = LoggerFactory.getLogger(BreakerApi.class);

    private final SourceGuards guards;
    private final SourcesProperties sources;

    public BreakerApi(SourceGuards guards, SourcesProperties sources) {
        this.guards = guards;
        this.sources = sources;
    }

    public ApiResponse reset(@Header("name") String name) {
        if (name == null || !sources.sources().containsKey(name)) {
            throw ApiException.notFound("name: no source \"" + name + "\"; sources are " + sources.sources().keySet());
        }
        String before = BreakerStateMetrics.stateName(guards.breaker(name).getState());
        guards.reset(name);
        String after = BreakerStateMetrics.stateName(guards.breaker(name).getState());
        log.info("{} breaker reset by an operator: {} -> {}", name, before, after);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", name);
        body.put("previous_state", before);
        body.put("breaker_state", after);
        return ApiResponse.ok(body);
    }
}
