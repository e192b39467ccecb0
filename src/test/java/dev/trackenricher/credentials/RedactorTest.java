package dev.trackenricher.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** One redactor, one mask, one list of secret names: for error texts and for the JSON log alike. */
class RedactorTest {

    @Test
    void masksEveryConfiguredCredentialFoundInTheEnvironment() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("enricher.sources.lastfm.api-key", "lastfm-key-123456")
                .withProperty("enricher.sources.discogs.token", "discogs-token-abcdef")
                .withProperty("enricher.sources.spotify.client-secret", "spotify-secret-xyz")
                .withProperty("enricher.sources.spotify.client-id", "public-client-id")
                .withProperty("enricher.sources.getsongbpm.apiKey", "gsb-key-987654")
                .withProperty("enricher.sources.musicbrainz.timeout", "10s");
        Redactor redactor = Redactor.of(List.of());

        redactor.rememberConfigured(env);

        // the client id is a credential too (the one list: the credentials API takes it, and it is never logged)
        assertThat(redactor.redact("a lastfm-key-123456 b discogs-token-abcdef c spotify-secret-xyz d gsb-key-987654 e public-client-id f 10s"))
                .isEqualTo("a [redacted] b [redacted] c [redacted] d [redacted] e [redacted] f 10s");
        String basic = Base64.getEncoder().encodeToString("public-client-id:spotify-secret-xyz".getBytes(StandardCharsets.UTF_8));
        assertThat(redactor.redact("Authorization: Basic " + basic)).isEqualTo("Authorization: Basic [redacted]");
    }

    @Test
    void masksCredentialQueryParametersWhateverTheirValue() {
        assertThat(Redactor.redact(URI.create("https://ws.audioscrobbler.com/2.0/?method=track.getInfo&api_key=abc&format=json")))
                .isEqualTo("https://ws.audioscrobbler.com/2.0/?method=track.getInfo&api_key=[redacted]&format=json");
        assertThat(Redactor.maskQueryParams("GET /search/?TOKEN=xyz&q=a b")).isEqualTo("GET /search/?TOKEN=[redacted]&q=a b");
        assertThat(Redactor.maskQueryParams("no query here")).isEqualTo("no query here");
        assertThat(Redactor.isSecretName("API_KEY")).isTrue();
        assertThat(Redactor.isSecretName("client-secret")).isTrue();
        assertThat(Redactor.isSecretName("token-url")).isFalse();
    }

    @Test
    void leavesShortOrEmptyValuesAndNullTextAlone() {
        Redactor redactor = Redactor.of(List.of("", "abc"));
        assertThat(redactor.isSecret("abc")).as("too short to be masked").isFalse();
        assertThat(redactor.redact("abc")).isEqualTo("abc");
        assertThat(redactor.redact((String) null)).isNull();
    }

    @Test
    void masksALongerSecretWholeWhenItContainsAShorterOne() {
        Redactor redactor = Redactor.of(List.of("secret-1", "secret-1-and-more"));
        assertThat(redactor.redact("x secret-1-and-more y secret-1")).isEqualTo("x [redacted] y [redacted]");
    }

    @Test
    void masksTheUrlEncodedFormsOfAValueAsAnEchoedRequestCarriesThem() {
        Redactor redactor = Redactor.of(List.of("key with/space+plus"));
        assertThat(redactor.redact("GET /?k=key%20with%2Fspace%2Bplus and k=key+with%2Fspace%2Bplus"))
                .isEqualTo("GET /?k=[redacted] and k=[redacted]");
        assertThat(redactor.isSecret("key with/space+plus")).isTrue();
    }
}
