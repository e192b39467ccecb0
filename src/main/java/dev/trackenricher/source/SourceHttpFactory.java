package dev.trackenricher.source;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;
import org.springframework.stereotype.Component;

/** Builds each source's {@link SourceHttp} from its config block, with its rate limiter and the response cache. */
@Component
public class SourceHttpFactory {

    private final SourcesProperties properties;
    private final MeterRegistry meters;
    private final SourceGuards guards;
    private final ApiCache cache;
    private final SourceCredentials credentials;
    private final long maxAnswerBytes;

    /** With the credentials of the configuration only (for clients built by hand in tests). */
    public SourceHttpFactory(SourcesProperties properties, MeterRegistry meters, SourceGuards guards, ApiCache cache) {
        this(properties, meters, guards, cache, SourceCredentials.fromConfiguration(properties),
                DataSize.ofBytes(SourceHttp.DEFAULT_MAX_ANSWER_BYTES));
    }

    @Autowired
    public SourceHttpFactory(SourcesProperties properties, MeterRegistry meters, SourceGuards guards, ApiCache cache,
                             SourceCredentials credentials, @Value("${enricher.limits.max-answer-size:8MB}") DataSize maxAnswerSize) {
        this.properties = properties;
        this.meters = meters;
        this.guards = guards;
        this.cache = cache;
        this.credentials = credentials;
        this.maxAnswerBytes = maxAnswerSize.toBytes();
    }

    public SourceHttp forSource(String source) {
        SourceSettings settings = properties.settings(source);
        String userAgent = SourceSettings.present(settings.userAgent()) ? settings.userAgent() : properties.userAgent();
        return new SourceHttp(source, settings, userAgent, meters, guards, cache, credentials, maxAnswerBytes);
    }

    /** The guards the clients' requests take their permits from (clients report what the APIs say about limits here). */
    public SourceGuards guards() {
        return guards;
    }
}
