package dev.trackenricher.locations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

/**
 * Where routes and settings come from: the jar's, a directory in the working directory, or a
 * configured one, which must exist; and a settings directory read over the jar's files key by key.
 */
class ConfigLocationsTest {

    @TempDir
    Path work;

    @Test
    void withNothingBesideItTheJarsRoutesAndSettingsAreUsed() {
        ConfigLocations locations = ConfigLocations.resolve(new MockEnvironment(), work);

        assertThat(locations.routes()).isEmpty();
        assertThat(locations.settings()).isEmpty();
        assertThat(locations.routesPattern()).isEqualTo("classpath:routes/*.yaml");
        // the override imports point where batch-config/ would be: it is not there, so they read nothing
        assertThat(work.resolve(locations.settingsImportDir())).doesNotExist();
    }

    @Test
    void routesAndBatchConfigInTheWorkingDirectoryOverrideTheJars() throws IOException {
        Files.createDirectories(work.resolve("routes"));
        Files.writeString(work.resolve("routes/enrich.yaml"), "[]");
        Files.createDirectories(work.resolve("batch-config"));

        ConfigLocations locations = ConfigLocations.resolve(new MockEnvironment(), work);

        assertThat(locations.routes()).contains(work.resolve("routes").toAbsolutePath());
        assertThat(locations.routesPattern()).isEqualTo("file:" + work.resolve("routes").toAbsolutePath() + "/*.yaml");
        assertThat(locations.settings()).contains(work.resolve("batch-config").toAbsolutePath());
        assertThat(locations.settingsImportDir()).isEqualTo(work.resolve("batch-config").toAbsolutePath().toString());
        assertThat(locations.routesConfigured()).isFalse();
    }

    @Test
    void aConfiguredDirectoryWinsOverTheWorkingDirectorysAndMayBeRelative() throws IOException {
        Files.createDirectories(work.resolve("routes"));
        Files.writeString(work.resolve("routes/enrich.yaml"), "[]");
        Files.createDirectories(work.resolve("elsewhere/routes"));
        Files.writeString(work.resolve("elsewhere/routes/other.yaml"), "[]");
        Files.createDirectories(work.resolve("elsewhere/settings"));
        MockEnvironment env = new MockEnvironment().withProperty("enricher.routes-dir", "elsewhere/routes")
                .withProperty("enricher.config-dir", work.resolve("elsewhere/settings").toString());

        ConfigLocations locations = ConfigLocations.resolve(env, work);

        assertThat(locations.routes()).contains(work.resolve("elsewhere/routes").toAbsolutePath());
        assertThat(locations.settings()).contains(work.resolve("elsewhere/settings").toAbsolutePath());
        assertThat(locations.routesConfigured()).isTrue();
        assertThat(locations.settingsConfigured()).isTrue();
    }

    @Test
    void aConfiguredLocationThatDoesNotExistIsAnErrorNamingIt() throws IOException {
        Path missing = work.resolve("no-such-routes");
        assertThatThrownBy(() -> ConfigLocations.resolve(new MockEnvironment().withProperty("enricher.routes-dir", missing.toString()), work))
                .isInstanceOf(ConfigLocationException.class)
                .hasMessage("enricher.routes-dir / ENRICHER_ROUTES_DIR is " + missing + ", which does not exist");

        Files.writeString(work.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> ConfigLocations.resolve(new MockEnvironment().withProperty("enricher.config-dir", "a-file"), work))
                .isInstanceOf(ConfigLocationException.class)
                .hasMessage("enricher.config-dir / ENRICHER_CONFIG_DIR is " + work.resolve("a-file") + ", which is not a directory");
    }

    @Test
    void aRoutesDirectoryWithoutRoutesIsAnErrorNotASilentServiceWithoutAnApi() throws IOException {
        Files.createDirectories(work.resolve("routes"));
        Files.writeString(work.resolve("routes/README.txt"), "nothing here");

        assertThatThrownBy(() -> ConfigLocations.resolve(new MockEnvironment(), work))
                .isInstanceOf(ConfigLocationException.class)
                .hasMessageContaining(work.resolve("routes").toString()).hasMessageContaining("no *.yaml route file");
    }

    @Test
    void theCheckBeforeStartReadsTheCommandLine() {
        Path missing = Path.of("").toAbsolutePath().resolve("target/no-such-settings-dir");
        assertThatThrownBy(() -> ConfigLocationsPostProcessor.checkBeforeStart("--enricher.config-dir=target/no-such-settings-dir"))
                .isInstanceOf(ConfigLocationException.class).hasMessageContaining(missing.toString());
        ConfigLocationsPostProcessor.checkBeforeStart("import-csv", "tracks.csv");
    }

    /** Every settings file of the repository is read: first the jar's copy, then the directory's, in that order (the later wins). */
    @Test
    void applicationYmlImportsEverySettingsFileFromTheJarAndThenFromTheDirectory() throws IOException {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties props = yaml.getObject();
        List<String> imports = new ArrayList<>();
        for (int i = 0; props.containsKey("spring.config.import[" + i + "]"); i++) {
            imports.add(props.getProperty("spring.config.import[" + i + "]"));
        }
        List<String> files;
        try (Stream<Path> listing = Files.list(Path.of("batch-config"))) {
            files = listing.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(files).isNotEmpty().allMatch(f -> f.endsWith(".yml"));
        for (String f : files) {
            int jar = imports.indexOf("classpath:batch-config/" + f);
            int dir = imports.indexOf("optional:file:${" + ConfigLocationsPostProcessor.SETTINGS_IMPORT_DIR + "}/" + f);
            assertThat(jar).as(f + " from the jar").isNotNegative();
            assertThat(dir).as(f + " from the settings directory, after the jar's").isGreaterThan(jar);
            assertThat(new ClassPathResource("batch-config/" + f).exists()).as(f + " is in the jar").isTrue();
        }
        assertThat(imports).hasSize(2 * files.size());
    }

    @Test
    void aSettingsFileInTheDirectoryOverridesOnlyTheKeysItSets() throws IOException {
        Files.writeString(work.resolve("sources.yml"), """
                enricher:
                  sources:
                    musicbrainz:
                      enabled: false
                    discogs:
                      timeout: 3s
                """);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Nothing.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).run("--enricher.config-dir=" + work)) {
            Environment env = context.getEnvironment();
            // what the directory's file sets
            assertThat(env.getProperty("enricher.sources.musicbrainz.enabled")).isEqualTo("false");
            assertThat(env.getProperty("enricher.sources.discogs.timeout")).isEqualTo("3s");
            // what it leaves out: the jar's sources.yml, and the jar's other files, whole
            assertThat(env.getProperty("enricher.sources.musicbrainz.base-url")).isEqualTo("https://musicbrainz.org/ws/2");
            assertThat(env.getProperty("enricher.sources.discogs.enabled")).isEqualTo("true");
            assertThat(env.getProperty("enricher.merge.field-priority.isrc[0]")).isEqualTo("spotify");
            assertThat(env.getProperty("enricher.batch.chunk-size")).isEqualTo("50");
            // routes: the repository's routes/ (this test runs in the repository root)
            assertThat(env.getProperty("camel.main.routes-include-pattern"))
                    .isEqualTo("file:" + Path.of("routes").toAbsolutePath() + "/*.yaml");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }
}
