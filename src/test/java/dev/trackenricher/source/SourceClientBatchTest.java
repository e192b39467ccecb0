package dev.trackenricher.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The SPI's default for several tracks: each asked on its own, a failure is that track's result, never thrown. */
class SourceClientBatchTest {

    /** A source without a batch form: one answer per track, and a "slow down" for one of them. */
    static final class OneByOne implements SourceClient {

        int fetches;

        @Override
        public String name() {
            return "one-by-one";
        }

        @Override
        public SourceResult fetch(SourceRequest request) {
            fetches++;
            return switch (request.title()) {
                case "busy" -> throw new SourceRateLimitedException("HTTP 429 from one-by-one", Duration.ofSeconds(7));
                case "refused" -> throw new SourceConfigurationException("one-by-one refused the key");
                case "bug" -> throw new IllegalArgumentException("a bug");
                case "unknown" -> SourceResult.notFound(name(), "no such track");
                default -> SourceResult.found(name(), Map.of("title", request.title()), 1.0);
            };
        }
    }

    private static SourceRequest request(String title) {
        return new SourceRequest(UUID.randomUUID(), "Artist", title, null, null, null, null, "batch-test");
    }

    @Test
    void theDefaultAsksEachTrackOnItsOwnAndAnswersEveryOneByTrackId() {
        OneByOne source = new OneByOne();
        List<SourceRequest> requests = List.of(request("a"), request("busy"), request("unknown"), request("refused"), request("bug"));

        Map<UUID, SourceResult> results = source.fetchBatch(requests);

        assertThat(source.maxBatch()).isEqualTo(1);
        assertThat(source.fetches).isEqualTo(5);
        assertThat(results.keySet()).containsExactlyElementsOf(requests.stream().map(SourceRequest::trackId).toList());
        assertThat(results.get(requests.get(0).trackId()).outcome()).isEqualTo(Outcome.FOUND);
        SourceResult busy = results.get(requests.get(1).trackId());
        assertThat(busy.outcome()).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(busy.hints()).containsExactly(new Hint.RetryAfter(Duration.ofSeconds(7)));
        assertThat(results.get(requests.get(2).trackId()).outcome()).isEqualTo(Outcome.NOT_FOUND);
        SourceResult refused = results.get(requests.get(3).trackId());
        assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.hints()).containsExactly(new Hint.Stop("one-by-one refused the key"));
        SourceResult bug = results.get(requests.get(4).trackId());
        assertThat(bug.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(bug.error()).isEqualTo("unexpected IllegalArgumentException: a bug");
    }
}
