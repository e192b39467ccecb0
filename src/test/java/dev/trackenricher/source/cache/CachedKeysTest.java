package dev.trackenricher.source.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The key filter without a lock: keys added by many threads at once are all found, and unseen keys mostly are not. */
class CachedKeysTest {

    @Test
    void keysAddedConcurrentlyAreNeverReportedAbsent() throws Exception {
        CachedKeys keys = new CachedKeys(100_000, 0.01);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < 5_000; i++) {
                    keys.add("musicbrainz", "/recording?query=" + thread + "-" + i);
                    // read while the others write
                    keys.mightContain("spotify", "/search?q=" + thread + "-" + i);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        for (int t = 0; t < 8; t++) {
            for (int i = 0; i < 5_000; i++) {
                assertThat(keys.mightContain("musicbrainz", "/recording?query=" + t + "-" + i)).isTrue();
            }
        }
        int falsePositives = 0;
        for (int i = 0; i < 10_000; i++) {
            if (keys.mightContain("musicbrainz", "/never/" + i)) {
                falsePositives++;
            }
        }
        assertThat(falsePositives).as("about 1 % of unseen keys (40,000 of 100,000 stored)").isLessThan(300);
        assertThat(keys.mightContain("spotify", "/recording?query=0-0")).as("the source is part of the key").isFalse();
    }
}
