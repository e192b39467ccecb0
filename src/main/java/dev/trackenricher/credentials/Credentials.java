package dev.trackenricher.credentials;

import java.util.List;

/**
 * One source's credentials as a client sends them. The names are those of the table
 * {@code source_credentials}, of {@code PUT /sources/{name}/credentials} and (in kebab case) of a
 * source's config block.
 */
public record Credentials(String clientId, String clientSecret, String token, String apiKey) {

    public static final String CLIENT_ID = "client_id";
    public static final String CLIENT_SECRET = "client_secret";
    public static final String TOKEN = "token";
    public static final String API_KEY = "api_key";
    public static final List<String> NAMES = List.of(CLIENT_ID, CLIENT_SECRET, TOKEN, API_KEY);

    public static final Credentials NONE = new Credentials(null, null, null, null);

    public String get(String name) {
        return switch (name) {
            case CLIENT_ID -> clientId;
            case CLIENT_SECRET -> clientSecret;
            case TOKEN -> token;
            case API_KEY -> apiKey;
            default -> throw new IllegalArgumentException("no credential named " + name);
        };
    }

    /** Whether each of these credentials is set (not blank). */
    public boolean present(List<String> names) {
        return names.stream().allMatch(n -> present(get(n)));
    }

    public static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
