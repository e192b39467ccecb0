package dev.trackenricher.ops;

import dev.trackenricher.source.Secrets;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * The last guard of the JSON log: every string value of every line (message, key-value pairs, MDC,
 * stack traces) has the sources' credentials and credential-looking query parameters masked.
 * Error texts are scrubbed where they are made; this catches what a library logs on its own.
 * Named in {@code logging.structured.json.customizer}; Boot builds it with the environment before
 * any bean exists.
 */
public class SecretMaskingLogCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

    private final Secrets secrets;

    public SecretMaskingLogCustomizer(Environment environment) {
        this.secrets = Secrets.of(environment);
    }

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, secrets::scrub));
    }
}
