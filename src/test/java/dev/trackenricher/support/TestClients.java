package dev.trackenricher.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.credentials.ConfiguredCredentials;
import dev.trackenricher.credentials.CredentialStore;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.cache.ApiCache;
import dev.trackenricher.source.client.HttpSources;
import dev.trackenricher.source.http.Transport;
import dev.trackenricher.source.limits.LimitSettings;
import dev.trackenricher.source.limits.RateLimits;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
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
    private final ApplicationContext context;

    public TestClients(ConfigurableEnvironment environment, ObjectMapper json, TrackMatcher matcher, MeterRegistry meters) {
        this(environment, json, matcher, meters, null);
    }

    private TestClients(ConfigurableEnvironment environment, ObjectMapper json, TrackMatcher matcher, MeterRegistry meters,
                        ApplicationContext context) {
        this.environment = environment;
        this.json = json;
        this.matcher = matcher;
        this.meters = meters;
        this.context = context;
    }

    /** With the running context's configuration, JSON, matcher and meters (what an {@link IntegrationTest} has). */
    public static TestClients of(ApplicationContext context) {
        return new TestClients((ConfigurableEnvironment) context.getEnvironment(), context.getBean(ObjectMapper.class),
                context.getBean(TrackMatcher.class), context.getBean(MeterRegistry.class), context);
    }

    /**
     * With these settings changed, limits of their own for them (their state in the test database,
     * as the service keeps it) and this cache, over HTTP.
     */
    public HttpSources sources(Map<String, Object> overrides, ApiCache cache) {
        if (context == null) {
            throw new IllegalStateException("limits of their own need the running context: TestClients.of(context)");
        }
        RateLimits limits = new RateLimits(properties(overrides), context.getBean(LimitSettings.class), context.getBean(DataSource.class));
        return sources(overrides, limits, cache);
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
