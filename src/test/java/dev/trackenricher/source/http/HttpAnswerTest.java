package dev.trackenricher.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceRateLimitedException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpAnswerTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void rateLimitAnswersCarryRetryAfter() {
        HttpAnswer limited = answer(429, Map.of("Retry-After", List.of("7")), "{\"error\":{\"status\":429}}");
        assertThatThrownBy(limited::requireOk).isInstanceOfSatisfying(SourceRateLimitedException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThatThrownBy(answer(503, Map.of(), "{\"error\":\"Your requests are exceeding the allowable rate limit\"}")::requireOk)
                .isInstanceOf(SourceRateLimitedException.class);
    }

    @Test
    void serverErrorsAreFailuresWithTheStatusInTheMessage() {
        assertThatThrownBy(answer(500, Map.of(), "<html>oops</html>")::requireOk)
                .isInstanceOf(SourceFailureException.class).hasMessageContaining("HTTP 500 from test: <html>oops</html>");
    }

    @Test
    void bodiesThatAreNotJsonAreFailures() {
        assertThatThrownBy(() -> answer(200, Map.of("Content-Type", List.of("text/html")), "<!DOCTYPE html><html>").json(json))
                .isInstanceOf(SourceFailureException.class).hasMessageContaining("unparsable body from test").hasMessageContaining("text/html");
        assertThatThrownBy(() -> answer(200, Map.of(), "{\"tracks\":{\"items\":[{\"id\":").json(json))
                .isInstanceOf(SourceFailureException.class).hasMessageContaining("unparsable");
        assertThatThrownBy(() -> answer(200, Map.of(), "").json(json)).hasMessageContaining("empty body");
        assertThatThrownBy(() -> answer(200, Map.of(), "\"just a string\"").json(json)).hasMessageContaining("unexpected body");
    }

    @Test
    void retryAfterAsAnHttpDateOrGarbage() {
        assertThat(HttpAnswer.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(HttpAnswer.parseRetryAfter("soon")).isEmpty();
        assertThat(HttpAnswer.parseRetryAfter("-3")).isEmpty();
        assertThat(HttpAnswer.parseRetryAfter("32461")).contains(Duration.ofSeconds(32461));
    }

    @Test
    void queryValuesArePercentEncoded() {
        assertThat(Uris.encodeComponent("Simon & Garfunkel")).isEqualTo("Simon%20%26%20Garfunkel");
        assertThat(Uris.encodeComponent("Florence + the Machine")).isEqualTo("Florence%20%2B%20the%20Machine");
        assertThat(Uris.encodeComponent("AC/DC #1")).isEqualTo("AC%2FDC%20%231");
        assertThat(Uris.encodeComponent("Sigur Rós")).isEqualTo("Sigur%20R%C3%B3s");
    }

    private static HttpAnswer answer(int status, Map<String, List<String>> headers, String body) {
        return new HttpAnswer("test", URI.create("http://localhost/x"), status, HttpHeaders.of(headers, (a, b) -> true), body);
    }
}
