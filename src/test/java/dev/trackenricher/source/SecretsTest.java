package dev.trackenricher.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SecretsTest {

    @Test
    void masksEveryConfiguredCredentialFoundInTheEnvironment() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("enricher.sources.lastfm.api-key", "lastfm-key-123456")
                .withProperty("enricher.sources.discogs.token", "discogs-token-abcdef")
                .withProperty("enricher.sources.spotify.client-secret", "spotify-secret-xyz")
                .withProperty("enricher.sources.spotify.client-id", "public-client-id")
                .withProperty("enricher.sources.getsongbpm.apiKey", "gsb-key-987654")
                .withProperty("enricher.sources.musicbrainz.timeout", "10s");

        Secrets secrets = Secrets.of(env);

        assertThat(secrets.scrub("a lastfm-key-123456 b discogs-token-abcdef c spotify-secret-xyz d gsb-key-987654 e public-client-id"))
                .isEqualTo("a *** b *** c *** d *** e public-client-id");
    }

    @Test
    void masksCredentialQueryParametersWhateverTheirValue() {
        assertThat(Secrets.redact(URI.create("https://ws.audioscrobbler.com/2.0/?method=track.getInfo&api_key=abc&format=json")))
                .isEqualTo("https://ws.audioscrobbler.com/2.0/?method=track.getInfo&api_key=***&format=json");
        assertThat(Secrets.maskQueryParams("GET /search/?TOKEN=xyz&q=a b")).isEqualTo("GET /search/?TOKEN=***&q=a b");
        assertThat(Secrets.maskQueryParams("no query here")).isEqualTo("no query here");
    }

    @Test
    void leavesShortOrEmptyValuesAndNullTextAlone() {
        Secrets secrets = Secrets.of(List.of("", "abc"));
        assertThat(secrets.isEmpty()).isTrue();
        assertThat(secrets.scrub("abc")).isEqualTo("abc");
        assertThat(secrets.scrub(null)).isNull();
    }

    @Test
    void masksALongerSecretWholeWhenItContainsAShorterOne() {
        Secrets secrets = Secrets.of(List.of("secret-1", "secret-1-and-more"));
        assertThat(secrets.scrub("x secret-1-and-more y secret-1")).isEqualTo("x *** y ***");
    }
}
