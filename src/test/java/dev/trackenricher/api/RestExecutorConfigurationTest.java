package dev.trackenricher.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The REST executor with its pool full: GET /health is answered on the thread that received it,
 * at once, while every other request waits its turn in the pool. (The burst over HTTP is in
 * {@code EnrichRunsTest}; the figures under load come from bin/loadtest-rest.)
 */
class RestExecutorConfigurationTest {

    private final ThreadPoolTaskExecutor pool = new RestExecutorConfiguration().restRequestPool(1);
    private final RestExecutorConfiguration.InlineOrPool executor = new RestExecutorConfiguration.InlineOrPool(pool);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        RequestContextHolder.resetRequestAttributes();
        pool.shutdown();
    }

    @Test
    void healthIsAnsweredOnTheReceivingThreadWhileTheRestPoolIsFullAndOtherRequestsWait() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        receiving("POST", "/enrich/trigger");
        executor.execute(() -> {
            slowStarted.countDown();
            await(release);
        });
        assertThat(slowStarted.await(5, TimeUnit.SECONDS)).as("the pool's one thread is busy").isTrue();

        CountDownLatch queuedRan = new CountDownLatch(1);
        receiving("GET", "/tracks");
        executor.execute(queuedRan::countDown);

        AtomicReference<Thread> healthRanOn = new AtomicReference<>();
        receiving("GET", "/health");
        executor.submit(() -> healthRanOn.set(Thread.currentThread()));

        assertThat(healthRanOn.get()).as("answered inline, before the call returned").isSameAs(Thread.currentThread());
        assertThat(queuedRan.getCount()).as("another GET waits behind the busy pool").isEqualTo(1);
        release.countDown();
        assertThat(queuedRan.await(5, TimeUnit.SECONDS)).as("and runs once the pool frees").isTrue();
    }

    @Test
    void onlyAGetOfHealthItselfRunsInline() {
        receiving("POST", "/health");
        assertThat(RestExecutorConfiguration.InlineOrPool.inline()).isFalse();
        receiving("GET", "/health/extra");
        assertThat(RestExecutorConfiguration.InlineOrPool.inline()).isFalse();
        receiving("GET", "/health");
        assertThat(RestExecutorConfiguration.InlineOrPool.inline()).isTrue();
        RequestContextHolder.resetRequestAttributes();
        assertThat(RestExecutorConfiguration.InlineOrPool.inline()).as("no request on this thread").isFalse();
    }

    private static void receiving(String method, String path) {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest(method, path)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
