package dev.trackenricher.source;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Builds each source's {@link SourceHttp} from its config block, with its rate limiter and the response cache. */
@Component
public class SourceHttpFactory {

    private final SourcesProperties properties;
    private final MeterRegistry meters;
    private final SourceGuards guards;
    private final ApiCache cache;

    public SourceHttpFactory(SourcesProperties properties, MeterRegistry meters, SourceGuards guards, ApiCache cache) {
        this.properties = properties;
        this.meters = meters;
        this.guards = guards;
        this.cache = cache;
    }

    public SourceHttp forSource(String source) {
        SourceSettings settings = properties.settings(source);
        String userAgent = SourceSettings.present(settings.userAgent()) ? settings.userAgent() : properties.userAgent();
        return new SourceHttp(source, settings, userAgent, meters, guards, cache);
    }

    /** The guards the clients' requests take their permits from (clients report what the APIs say about limits here). */
    public SourceGuards guards() {
        return guards;
    }
}
