package dev.trackenricher.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * {@code PUT /sources/{name}/credentials} (rotate a key without a restart), {@code GET} (where each
 * credential comes from, never its value) and {@code DELETE} (back to the configuration). Error
 * messages name the field, never echo a value: a mistyped secret is still a secret.
 */
@Component
public class CredentialsApi {

    static final int MAX_LENGTH = 1000;
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cs}\\p{Z}\\x{FFFE}\\x{FFFF}]");

    private final CredentialedSources sources;
    private final CredentialStore credentials;
    private final ObjectMapper json;

    public CredentialsApi(CredentialedSources sources, CredentialStore credentials, ObjectMapper json) {
        this.sources = sources;
        this.credentials = credentials;
        this.json = json;
    }

    public ApiResponse put(@Header("name") String name, @Body String body) {
        String source = source(name);
        List<String> allowed = sources.credentialNames(source);
        if (allowed.isEmpty()) {
            throw ApiException.badRequest("name: " + source + " takes no credentials");
        }
        Map<String, String> values = parse(body, allowed);
        credentials.set(source, values);
        return ApiResponse.ok(view(source));
    }

    public ApiResponse get(@Header("name") String name) {
        return ApiResponse.ok(view(source(name)));
    }

    public ApiResponse delete(@Header("name") String name) {
        String source = source(name);
        int cleared = credentials.clear(source);
        Map<String, Object> body = view(source);
        body.put("cleared", cleared);
        return ApiResponse.ok(body);
    }

    private String source(String name) {
        String source = name == null ? "" : name.strip();
        if (!sources.names().contains(source)) {
            throw ApiException.notFound("no source \"" + shorten(String.valueOf(name)) + "\"; sources: " + String.join(", ", sources.names()));
        }
        return source;
    }

    private Map<String, String> parse(String body, List<String> allowed) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the text it could not read, which may be the secret: say less
            throw ApiException.badRequest("body: not valid JSON; expected {" + example(allowed) + "}");
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw ApiException.badRequest("body: must be a JSON object naming at least one of " + String.join(", ", allowed)
                    + ", e.g. {" + example(allowed) + "}");
        }
        List<String> errors = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> f = fields.next();
            String field = f.getKey();
            JsonNode v = f.getValue();
            if (!allowed.contains(field)) {
                errors.add(shorten(field) + ": not a credential of this source (it takes " + String.join(", ", allowed) + ")");
            } else if (!v.isTextual()) {
                errors.add(field + ": must be a string, got " + v.getNodeType().name().toLowerCase());
            } else if (v.asText().isBlank()) {
                errors.add(field + ": must not be empty (DELETE the credentials to go back to the configuration)");
            } else if (v.asText().length() > MAX_LENGTH) {
                errors.add(field + ": is " + v.asText().length() + " characters long; at most " + MAX_LENGTH);
            } else if (UNPRINTABLE.matcher(v.asText()).find()) {
                errors.add(field + ": contains a space or a control character");
            } else {
                values.put(field, v.asText());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors.get(0) + "; nothing was changed", errors);
        }
        return values;
    }

    private Map<String, Object> view(String source) {
        List<String> names = sources.credentialNames(source);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", source);
        List<Map<String, Object>> list = new ArrayList<>();
        for (CredentialStore.Origin o : credentials.origins(source, names)) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", o.name());
            c.put("from", o.from());
            c.put("updated_at", o.updatedAt() == null ? null : o.updatedAt().toString());
            list.add(c);
        }
        out.put("credentials", list);
        out.put("credentials_present", credentials.present(source, names));
        return out;
    }

    private static String example(List<String> allowed) {
        return String.join(", ", allowed.stream().map(n -> "\"" + n + "\": \"…\"").toList());
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
