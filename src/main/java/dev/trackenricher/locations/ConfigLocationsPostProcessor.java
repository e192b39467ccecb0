package dev.trackenricher.locations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.springframework.boot.DefaultPropertiesPropertySource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Decides, before application.yml and its imports are read, where the routes and the settings come
 * from ({@link ConfigLocations}), hands the result to them as two properties, and says in the log
 * which route and settings files are read from the jar and which from a directory. Registered in
 * META-INF/spring.factories, so every start takes this path: the service, the command-line modes, tests.
 */
public class ConfigLocationsPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The directory application.yml imports the override settings files from. */
    static final String SETTINGS_IMPORT_DIR = "enricher.locations.settings-import-dir";
    static final String ROUTES_PATTERN = "camel.main.routes-include-pattern";

    private final Log log;

    public ConfigLocationsPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(ConfigLocationsPostProcessor.class);
    }

    /**
     * The same decision as at start-up, made before Spring starts (from {@code args}, the system
     * properties and the environment), so that {@code main} can refuse a bad location with one line
     * instead of Spring's failure report.
     *
     * @throws ConfigLocationException naming the location and the property or variable that set it
     */
    public static void checkBeforeStart(String... args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        ConfigLocations.resolve(environment, Path.of(""));
    }

    @Override
    public int getOrder() {
        // before the config data (application.yml and the imports that use the directory named here)
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ConfigLocations locations = ConfigLocations.resolve(environment, Path.of(""));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(SETTINGS_IMPORT_DIR, locations.settingsImportDir());
        // a pattern given on the command line or in the environment wins, as for any property
        String explicitRoutes = environment.getProperty(ROUTES_PATTERN);
        if (explicitRoutes == null) {
            properties.put(ROUTES_PATTERN, locations.routesPattern());
        }
        // Boot's default properties stay below every other source, config files included, even after the config data
        // is added: so a routes pattern set in a configuration file (as a test's slim context does) still wins
        DefaultPropertiesPropertySource.addOrMerge(properties, environment.getPropertySources());

        ClassLoader classLoader = application.getClassLoader();
        log.info(explicitRoutes != null ? "routes: " + explicitRoutes + " (" + ROUTES_PATTERN + ")" : routesLine(locations, classLoader));
        List<String> jarSettings = names(classLoader, ConfigLocations.JAR_SETTINGS);
        log.info(settingsLine(locations, jarSettings));
        locations.settings().ifPresent(dir -> {
            List<String> unread = ConfigLocations.settingsFiles(dir).stream().filter(f -> !jarSettings.contains(f)).toList();
            if (!unread.isEmpty()) {
                log.warn("settings directory " + dir + ": " + String.join(", ", unread) + " not read; only files named as the jar's are ("
                        + String.join(", ", jarSettings) + ")");
            }
        });
    }

    private static String routesLine(ConfigLocations locations, ClassLoader classLoader) {
        return locations.routes()
                .map(dir -> "routes: " + String.join(", ", ConfigLocations.routeFiles(dir)) + " from " + dir + " ("
                        + (locations.routesConfigured() ? ConfigLocations.ROUTES_ENV : "the working directory's routes/")
                        + "), instead of the jar's")
                .orElseGet(() -> "routes: " + String.join(", ", names(classLoader, ConfigLocations.JAR_ROUTES)) + " from the jar ("
                        + ConfigLocations.JAR_ROUTES + ")");
    }

    private static String settingsLine(ConfigLocations locations, List<String> jarSettings) {
        String jar = "settings: " + String.join(", ", jarSettings) + " from the jar (" + ConfigLocations.JAR_SETTINGS + ")";
        return locations.settings().map(dir -> {
            List<String> read = ConfigLocations.settingsFiles(dir).stream().filter(jarSettings::contains).toList();
            String source = locations.settingsConfigured() ? ConfigLocations.CONFIG_ENV : "the working directory's batch-config/";
            return jar + (read.isEmpty()
                    ? "; the settings directory " + dir + " (" + source + ") holds none of them"
                    : ", overridden key by key by " + String.join(", ", read) + " from " + dir + " (" + source + ")");
        }).orElse(jar + "; no settings directory (" + ConfigLocations.CONFIG_ENV + " not set, no batch-config/ in "
                + Path.of("").toAbsolutePath() + ")");
    }

    /** The file names a classpath pattern finds, sorted (works inside the jar, too). */
    private static List<String> names(ClassLoader classLoader, String pattern) {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver(classLoader).getResources(pattern);
            return Arrays.stream(found).map(Resource::getFilename).filter(Objects::nonNull).distinct().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + pattern, e);
        }
    }
}
