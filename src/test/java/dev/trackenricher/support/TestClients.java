package dev.trackenricher.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.credentials.ConfiguredCredentials;
import dev.trackenricher.credentials.CredentialStore;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.cache.ApiCache;
import dev.trackenricher.source.client.HttpSources;
import dev.trackenricher.source.http.Transport;
import dev.trackenricher.source.limits.RateLimits;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Source clients built by hand in a test, instead of starting another Spring context: the running
 * context's configuration with a few settings changed, limits and a cache of the test's choosing
 * (or none), credentials from the configuration, and real HTTP unless the test brings a transport.
 */
public final class TestClients {

    private final ConfigurableEnvironment environment;
    private final ObjectMapper json;
    private final TrackMatcher matcher;
    private final MeterRegistry meters;

    public TestClients(ConfigurableEnvironment environment, ObjectMapper json, TrackMatcher matcher, MeterRegistry meters) {
        this.environment = environment;
        this.json = json;
        this.matcher = matcher;
        this.meters = meters;
    }

    /** With these settings changed, these limits and this cache, over HTTP. */
    public HttpSources sources(Map<String, Object> overrides, RateLimits limits, ApiCache cache) {
        SourcesProperties properties = TestSources.with(environment, overrides);
        return sources(properties, TestSources.binder(environment, overrides), limits, cache,
                source -> HttpSources.http(properties.settings(source), source, HttpSources.DEFAULT_MAX_ANSWER_BYTES, meters));
    }

    /** The same over a transport of the test's own in place of HTTP. */
    public HttpSources sources(SourcesProperties properties, Binder binder, RateLimits limits, ApiCache cache, Function<String, Transport> http) {
        ConfiguredCredentials configured = binder.bindOrCreate("enricher", ConfiguredCredentials.class);
        return new HttpSources(properties, json, matcher, CredentialStore.configurationOnly(configured.sources()), limits, cache, binder, http);
    }

    public SourcesProperties properties(Map<String, Object> overrides) {
        return TestSources.with(environment, overrides);
    }
}
