package dev.trackenricher.locations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.core.env.PropertyResolver;

/**
 * Where the routes and the operator settings come from. Both ship inside the jar
 * ({@code classpath:routes/*.yaml}, {@code classpath:batch-config/*.yml}); a directory overrides them:
 * the one configured ({@value #ROUTES_DIR} / {@code ENRICHER_ROUTES_DIR}, {@value #CONFIG_DIR} /
 * {@code ENRICHER_CONFIG_DIR}), else {@code routes/} or {@code batch-config/} in the working directory
 * if there is one. A configured directory must exist: a typo must not start the service on defaults.
 * <ul>
 * <li>routes: a routes directory replaces the jar's routes as a whole (the YAML routes are one design;
 * mixing two versions of it file by file would run half of each);
 * <li>settings: each file of a settings directory is read over the jar's file of the same name, key by
 * key: what it sets wins, what it leaves out keeps the jar's default (a list is replaced whole).
 * </ul>
 *
 * @param routes             the routes directory, or empty for the jar's routes
 * @param settings           the settings directory, or empty for the jar's settings alone
 * @param routesConfigured   the routes directory was configured (not found in the working directory)
 * @param settingsConfigured the settings directory was configured
 */
record ConfigLocations(Optional<Path> routes, Optional<Path> settings, boolean routesConfigured, boolean settingsConfigured) {

    static final String ROUTES_DIR = "enricher.routes-dir";
    static final String CONFIG_DIR = "enricher.config-dir";
    static final String ROUTES_ENV = "ENRICHER_ROUTES_DIR";
    static final String CONFIG_ENV = "ENRICHER_CONFIG_DIR";
    static final String DEFAULT_ROUTES = "routes";
    static final String DEFAULT_SETTINGS = "batch-config";
    static final String JAR_ROUTES = "classpath:" + DEFAULT_ROUTES + "/*.yaml";
    static final String JAR_SETTINGS = "classpath:" + DEFAULT_SETTINGS + "/*.yml";

    /**
     * Reads the two locations from the environment (command line, system properties, environment
     * variables); a relative one is taken from {@code workingDir}.
     *
     * @throws ConfigLocationException a configured directory that does not exist, or a routes directory without routes
     */
    static ConfigLocations resolve(PropertyResolver env, Path workingDir) {
        Optional<Path> routes = configured(env, ROUTES_DIR, ROUTES_ENV, workingDir);
        Optional<Path> settings = configured(env, CONFIG_DIR, CONFIG_ENV, workingDir);
        boolean routesConfigured = routes.isPresent();
        boolean settingsConfigured = settings.isPresent();
        if (routes.isEmpty()) {
            routes = besideUs(workingDir, DEFAULT_ROUTES);
        }
        if (settings.isEmpty()) {
            settings = besideUs(workingDir, DEFAULT_SETTINGS);
        }
        routes.ifPresent(dir -> {
            if (routeFiles(dir).isEmpty()) {
                throw new ConfigLocationException("the routes directory " + dir + " holds no *.yaml route file"
                        + (routesConfigured ? " (" + ROUTES_DIR + " / " + ROUTES_ENV + ")" : "; remove or rename it to use the routes in the jar"));
            }
        });
        return new ConfigLocations(routes, settings, routesConfigured, settingsConfigured);
    }

    /** Camel's {@code camel.main.routes-include-pattern} for these routes. */
    String routesPattern() {
        return routes.map(dir -> "file:" + dir + "/*.yaml").orElse(JAR_ROUTES);
    }

    /**
     * The directory application.yml imports the override files from ({@code optional:}, file by file):
     * the settings directory, or where the default one would be (it is not there, so nothing is read).
     */
    String settingsImportDir() {
        return settings.map(Path::toString).orElse(DEFAULT_SETTINGS);
    }

    private static Optional<Path> configured(PropertyResolver env, String property, String variable, Path workingDir) {
        String value = env.getProperty(property);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path dir = workingDir.resolve(value.strip()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ConfigLocationException(property + " / " + variable + " is " + dir + ", which "
                    + (Files.exists(dir) ? "is not a directory" : "does not exist"));
        }
        return Optional.of(dir);
    }

    private static Optional<Path> besideUs(Path workingDir, String name) {
        Path dir = workingDir.resolve(name).toAbsolutePath().normalize();
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /** The names of the {@code *.yaml} files in a routes directory, sorted. */
    static List<String> routeFiles(Path dir) {
        return filesEndingWith(dir, ".yaml");
    }

    /** The names of the {@code *.yml} / {@code *.yaml} files in a settings directory, sorted. */
    static List<String> settingsFiles(Path dir) {
        return Stream.concat(filesEndingWith(dir, ".yml").stream(), filesEndingWith(dir, ".yaml").stream()).sorted().toList();
    }

    private static List<String> filesEndingWith(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }
}
