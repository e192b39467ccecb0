package dev.trackenricher.source;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Builds each source's {@link SourceHttp} from its config block. */
@Component
public class SourceHttpFactory {

    private final SourcesProperties properties;
    private final MeterRegistry meters;

    public SourceHttpFactory(SourcesProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
    }

    public SourceHttp forSource(String source) {
        SourceSettings settings = properties.settings(source);
        String userAgent = SourceSettings.present(settings.userAgent()) ? settings.userAgent() : properties.userAgent();
        return new SourceHttp(source, settings, userAgent, meters);
    }
}
