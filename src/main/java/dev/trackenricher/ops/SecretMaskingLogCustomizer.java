package dev.trackenricher.ops;

import dev.trackenricher.source.Secrets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * The last guard of the JSON log: every string value of every line (message, key-value pairs, MDC,
 * stack traces) has the sources' credentials and credential-looking query parameters masked.
 * Error texts are scrubbed where they are made; this catches what a library logs on its own.
 * Named in {@code logging.structured.json.customizer}; Boot builds it with the environment before
 * any bean exists.
 *
 * <p>The credentials are kept for the whole JVM: logging is configured once per JVM, by the last
 * application started in it, so a second application (a command run in the same JVM, as tests do)
 * must not make the first one's credentials maskable no more.
 */
public class SecretMaskingLogCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

    private static final Set<String> CREDENTIALS = ConcurrentHashMap.newKeySet();
    private static volatile Secrets secrets = Secrets.none();

    public SecretMaskingLogCustomizer(Environment environment) {
        remember(Secrets.of(environment).values());
    }

    private static synchronized void remember(Set<String> values) {
        if (CREDENTIALS.addAll(values)) {
            secrets = Secrets.of(CREDENTIALS);
        }
    }

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, value -> secrets.scrub(value)));
    }
}
