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
        MutablePropertySources sources = new MutablePropertySources(environment.getPropertySources());
        sources.addFirst(new MapPropertySource("test-overrides", overrides));
        Binder binder = new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
        return binder.bind("enricher", Bindable.of(SourcesProperties.class)).get();
    }
}
