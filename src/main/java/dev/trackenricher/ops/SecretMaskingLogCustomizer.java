package dev.trackenricher.ops;

import dev.trackenricher.credentials.Redactor;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * The last guard of the JSON log: every string value of every line (message, key-value pairs, MDC,
 * stack traces) goes through the {@link Redactor}, the same one error texts go through where they
 * are made; this catches what a library logs on its own. Named in
 * {@code logging.structured.json.customizer}; Boot builds it with the environment before any bean
 * exists, so it teaches the JVM's redactor the configured credentials itself (the credential store
 * adds those set over the API).
 */
public class SecretMaskingLogCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

    private final Redactor redactor = Redactor.process();

    public SecretMaskingLogCustomizer(Environment environment) {
        redactor.rememberConfigured(environment);
    }

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, redactor::redact));
    }
}
