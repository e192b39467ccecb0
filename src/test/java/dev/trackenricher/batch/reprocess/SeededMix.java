package dev.trackenricher.batch.reprocess;

import dev.trackenricher.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every reprocess test starts from this mix. Taken by default (failed, partial): a, b, c, d, h;
 * never: e (completed), f (pending), g (in progress, claimed by a live run).
 * <pre>
 *   a failed     23 h ago  retriable      spotify rate_limited, discogs failed, musicbrainz not_found
 *   b failed     71 h ago  not retriable  spotify failed, musicbrainz and discogs not_found      (2 retries)
 *   c partial    10 d ago  not retriable  spotify found, discogs failed                          (1 retry)
 *   d partial    47 h ago  retriable      lastfm short_circuited, spotify skipped, musicbrainz found
 *   e completed  1 d ago                  spotify failed, musicbrainz and discogs found
 *   f pending    never attempted, due now
 *   g in_progress (claimed)               spotify failed
 *   h failed     40 d ago  not retriable  spotify failed                                         (6 retries)
 * </pre>
 */
abstract class SeededMix extends IntegrationTest {

    ReprocessSeed seed;
    UUID a;
    UUID b;
    UUID c;
    UUID d;
    UUID e;
    UUID f;
    UUID g;
    UUID h;

    @BeforeEach
    void seedMix() {
        seed = new ReprocessSeed(jdbc);
        // ages a little under whole days, so "--days N" never meets a track right at its boundary
        a = seed.track("failed", Duration.ofHours(23), true, 0, "spotify=rate_limited", "discogs=failed", "musicbrainz=not_found");
        b = seed.track("failed", Duration.ofHours(71), false, 2, "spotify=failed", "musicbrainz=not_found", "discogs=not_found");
        c = seed.track("partial", Duration.ofDays(10), false, 1, "spotify=found", "discogs=failed");
        d = seed.track("partial", Duration.ofHours(47), true, 0, "lastfm=short_circuited", "spotify=skipped", "musicbrainz=found");
        e = seed.track("completed", Duration.ofDays(1), false, 0, "spotify=failed", "musicbrainz=found", "discogs=found");
        f = seed.track("pending", (Instant) null, false, 0);
        g = seed.track("in_progress", Duration.ofDays(1), false, 1, "spotify=failed");
        h = seed.track("failed", Duration.ofDays(40), false, 6, "spotify=failed");
    }
}
