package dev.trackenricher.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trackenricher.support.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API token: configured, or generated once into an owner-only file whose place (never content) is logged. */
class ApiTokenTest {

    @TempDir
    Path dir;

    @Test
    void withNoneConfiguredOneIsGeneratedIntoAnOwnerOnlyFileAndTheLogSaysWhereNotWhat() throws Exception {
        Path file = dir.resolve("data/api-token");
        ApiToken token;
        String logged;
        try (LogCapture logs = LogCapture.start(false)) {
            token = ApiToken.forService(settings(null, file));
            logged = logs.text();
        }
        String generated = Files.readString(file).strip();

        assertThat(generated).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(token.matches(generated)).isTrue();
        assertThat(logged).contains(file.toAbsolutePath().toString()).contains("generated").doesNotContain(generated);

        // a restart keeps it; the command line finds it
        assertThat(ApiToken.forService(settings(null, file)).matches(generated)).isTrue();
        assertThat(ApiToken.forClient(settings(null, file))).hasValue(generated);
        assertThat(ApiToken.forService(settings(null, dir.resolve("other"))).matches(generated)).as("another file, another token").isFalse();
    }

    @Test
    void aTokenFileOthersCouldReadIsMadeOwnerOnly() throws Exception {
        Path file = dir.resolve("api-token");
        Files.writeString(file, "an-operator-written-token-1234567");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(ApiToken.forService(settings(null, file)).matches("an-operator-written-token-1234567")).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void twoInstancesStartingTogetherOnOneDirectoryAgreeOnOneToken() throws Exception {
        Path file = dir.resolve("shared/api-token");
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Callable<ApiToken> start = () -> ApiToken.forService(settings(null, file));
            List<Future<ApiToken>> started = two.invokeAll(List.of(start, start));
            String written = Files.readString(file).strip();
            for (Future<ApiToken> f : started) {
                assertThat(f.get().matches(written)).isTrue();
            }
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void aConfiguredTokenIsUsedAsIsAndOnlyExactly() {
        ApiToken token = ApiToken.forService(settings("  configured-token-0123456789  ", dir.resolve("unused")));

        assertThat(token.matches("configured-token-0123456789")).isTrue();
        assertThat(token.matches("configured-token-012345678")).isFalse();
        assertThat(token.matches("configured-token-01234567890")).isFalse();
        assertThat(token.matches("Configured-token-0123456789")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(Files.exists(dir.resolve("unused"))).as("no file when configured").isFalse();
        assertThat(ApiToken.forClient(settings("configured-token-0123456789", dir.resolve("unused")))).hasValue("configured-token-0123456789");
        assertThat(ApiToken.forClient(settings(null, dir.resolve("unused")))).isEmpty();
    }

    @Test
    void aShortConfiguredTokenIsRefusedAtStartUp() {
        assertThatThrownBy(() -> ApiToken.forService(settings("secret", dir.resolve("unused"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("enricher.security.api-token (ENRICHER_SECURITY_API_TOKEN) is 6 characters long; use at least 16");
    }

    private static SecuritySettings settings(String token, Path file) {
        return new SecuritySettings(token, file, true, true, "api");
    }
}
