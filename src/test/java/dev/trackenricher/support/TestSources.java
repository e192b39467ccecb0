package dev.trackenricher.support;

import dev.trackenricher.source.SourcesProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * The running context's source settings with a few changed, bound exactly as Spring binds them: for
 * building a client or a limiter by hand in a test, instead of starting another Spring context.
 */
public final class TestSources {

    private TestSources() {
    }

    public static SourcesProperties with(ConfigurableEnvironment environment, Map<String, Object> overrides) {
        return binder(environment, overrides).bind("enricher", Bindable.of(SourcesProperties.class)).get();
    }

    /** The running context's configuration with a few settings changed (for a source's own settings, bound by the source). */
    public static Binder binder(ConfigurableEnvironment environment, Map<String, Object> overrides) {
        MutablePropertySources sources = new MutablePropertySources(environment.getPropertySources());
        sources.addFirst(new MapPropertySource("test-overrides", overrides));
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
    }
}
