package dev.trackenricher.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container files (read, not run: no Docker engine here): the image holds the jar alone (routes and
 * settings are inside it), and compose waits for the readiness probe, not for the port.
 */
class ContainerFilesTest {

    @Test
    @SuppressWarnings("unchecked")
    void composeWaitsForReadinessAndTheImageHoldsOnlyTheJar() throws IOException {
        Map<String, Object> services = (Map<String, Object>) new Yaml().<Map<String, Object>>load(
                Files.readString(Path.of("docker-compose.yml"))).get("services");
        Map<String, Object> service = (Map<String, Object>) services.get("track-enricher");
        List<String> test = (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test");
        assertThat(String.join(" ", test)).contains("curl").contains("http://localhost:8020/actuator/health/readiness");
        Map<String, Object> prometheus = (Map<String, Object>) services.get("prometheus");
        assertThat(prometheus.get("depends_on").toString()).contains("track-enricher").contains("service_healthy");

        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        assertThat(runtime).as("the runtime stage").contains("COPY --from=build").doesNotContain("COPY routes")
                .doesNotContain("COPY batch-config").contains("/actuator/health/readiness").contains("curl");
        String build = dockerfile.substring(0, dockerfile.lastIndexOf("\nFROM "));
        assertThat(build).as("the build stage: they are Maven resources").contains("COPY routes routes").contains("COPY batch-config batch-config");
    }
}
