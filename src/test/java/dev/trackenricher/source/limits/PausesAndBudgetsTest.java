package dev.trackenricher.source.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.trackenricher.source.Hint;
import dev.trackenricher.source.SourceRateLimitedException;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.http.HttpAnswer;
import dev.trackenricher.source.http.Transport;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestSources;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Pauses and budgets at the limiter, with limiters built by hand over the test PostgreSQL (each one
 * is what one instance of the service has): a pause is "until the latest", never a sum; one set by an
 * instance holds for the others and for one started later; a lift ends it everywhere; a budget is
 * shared by every instance and pauses its source when spent; requests are spaced from when they
 * left across instances, a strictly spaced source's from the previous answer (one at a time).
 */
class PausesAndBudgetsTest extends IntegrationTest {

    private static final HttpRequest REQUEST = HttpRequest.newBuilder(URI.create("http://api.invalid/x")).GET().build();

    @Autowired
    ConfigurableEnvironment environment;
    @Autowired
    DataSource dataSource;

    private final List<RateLimits> built = new ArrayList<>();

    @AfterEach
    void closeLimiters() {
        built.forEach(RateLimits::close);
    }

    /** One instance's limiter, with these settings, its pauses refreshed every 100 ms. */
    private RateLimits instance(Map<String, Object> overrides, Set<String> strict, SourceBudgets budgets) {
        SourcesProperties properties = TestSources.with(environment, overrides);
        RateLimits limits = new RateLimits(properties, new LimitSettings(0.05, Map.of(), strict, Duration.ofMillis(100), Duration.ofHours(48)),
                budgets, dataSource);
        built.add(limits);
        return limits;
    }

    private RateLimits instance(Map<String, Object> overrides) {
        return instance(overrides, Set.of(), SourceBudgets.none());
    }

    /** An API that answers 200 after {@code latencyMs}, and counts. */
    private static Transport api(AtomicInteger sent, long latencyMs) {
        return request -> {
            sent.incrementAndGet();
            sleep(latencyMs);
            return new HttpAnswer("test", request.uri(), 200, HttpHeaders.of(Map.of(), (a, b) -> true), "{}");
        };
    }

    @Test
    void concurrent429sMakeOnePauseUntilTheLatestNotASumOfDebt() throws Exception {
        // Spotify at 10/s: the old limiter put each 429's wait into the shared bucket as debt, 16 x 2 s = 32 s
        RateLimits limits = instance(Map.of("enricher.sources.spotify.rate-limit-per-second", "10",
                "enricher.sources.spotify.max-permit-wait", "5s"));
        ExecutorService wave = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        Instant before = Instant.now();
        List<Future<?>> answered = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answered.add(wave.submit(() -> {
                go.await();
                limits.retryAfter("spotify", Duration.ofSeconds(2));
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : answered) {
            f.get(10, TimeUnit.SECONDS);
        }
        wave.shutdown();
        Instant after = Instant.now();

        Instant until = limits.pausedUntil("spotify").orElseThrow();
        assertThat(until).as("one pause, until the latest of the 16").isBetween(before.plusSeconds(2), after.plusSeconds(3));
        assertThat(jdbc.queryForObject("SELECT paused_until FROM source_pause WHERE source = 'spotify'", java.sql.Timestamp.class)
                .toInstant()).isEqualTo(until);

        // once it ends, requests go at the source's rate again: no debt left in the bucket
        AtomicInteger sent = new AtomicInteger();
        Transport spotify = limits.permitted("spotify", api(sent, 0));
        spotify.send(REQUEST);
        long afterPauseMs = Duration.between(until, Instant.now()).toMillis();
        for (int i = 0; i < 4; i++) {
            spotify.send(REQUEST);
        }
        long fiveMs = Duration.between(until, Instant.now()).toMillis();
        System.out.printf("16 concurrent Retry-After: 2 s: paused until +%d ms; first request %d ms after its end, five within %d ms%n",
                Duration.between(before, until).toMillis(), afterPauseMs, fiveMs);
        assertThat(sent).hasValue(5);
        assertThat(fiveMs).as("five requests at 10/s after the pause, ms").isLessThan(2000);
    }

    @Test
    void aLaterPauseLengthensAnEarlierOneNeverShortensItAndAnAbsurdOneIsCut() {
        RateLimits limits = instance(Map.of());
        // pauses are kept to the millisecond (as PostgreSQL stores them, near enough)
        Instant tenMinutes = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        limits.pauseUntil("lastfm", tenMinutes, "first");
        limits.pauseUntil("lastfm", Instant.now().plus(Duration.ofMinutes(5)), "shorter");
        assertThat(limits.pause("lastfm")).hasValueSatisfying(p -> {
            assertThat(p.until()).isEqualTo(tenMinutes);
            assertThat(p.reason()).isEqualTo("first");
        });
        Instant twenty = Instant.now().plus(Duration.ofMinutes(20));
        limits.pauseUntil("lastfm", twenty, "longer");
        assertThat(limits.pause("lastfm").orElseThrow().reason()).isEqualTo("longer");
        assertThat(jdbc.queryForObject("SELECT reason FROM source_pause WHERE source = 'lastfm'", String.class)).isEqualTo("longer");

        limits.pauseUntil("discogs", Instant.now().plus(Duration.ofDays(3650)), "Retry-After: 315360000 s");
        assertThat(limits.pausedUntil("discogs").orElseThrow()).isBefore(Instant.now().plus(Duration.ofHours(48)).plusSeconds(1));
        assertThat(limits.pause("discogs").orElseThrow().reason()).endsWith("cut to enricher.limits.max-pause");
    }

    @Test
    void aPauseSetByOneInstanceHoldsOnAnotherAndOnOneStartedLaterAndALiftEndsItEverywhere() {
        Map<String, Object> settings = Map.of("enricher.sources.getsongbpm.rate-limit-per-second", "5");
        RateLimits one = instance(settings);
        RateLimits two = instance(settings);
        AtomicInteger sent = new AtomicInteger();
        Transport viaTwo = two.permitted("getsongbpm", api(sent, 0));
        viaTwo.send(REQUEST);

        Instant hour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        one.pauseUntil("getsongbpm", hour, "GetSongBPM blocked the key");

        await().atMost(Duration.ofSeconds(5)).until(() -> two.pausedUntil("getsongbpm").isPresent());
        assertThatThrownBy(() -> viaTwo.send(REQUEST)).isInstanceOfSatisfying(SourceRateLimitedException.class, e -> {
            assertThat(e.getMessage()).startsWith("getsongbpm held back until " + hour + " (GetSongBPM blocked the key)");
            assertThat(e.hints()).as("the pause rides on the refusal: the track waits for it")
                    .containsExactly(new Hint.PauseUntil(hour, "GetSongBPM blocked the key"));
        });
        // an instance started after the pause was set (a restart) honours it from its first request
        RateLimits three = instance(settings);
        assertThat(three.pause("getsongbpm")).hasValueSatisfying(p -> assertThat(p.until()).isEqualTo(hour));
        assertThatThrownBy(() -> three.permitted("getsongbpm", api(sent, 0)).send(REQUEST)).isInstanceOf(SourceRateLimitedException.class);
        assertThat(sent).as("no request left while paused").hasValue(1);

        assertThat(two.liftPause("getsongbpm")).isPresent();
        await().atMost(Duration.ofSeconds(5)).until(() -> one.pausedUntil("getsongbpm").isEmpty() && three.pausedUntil("getsongbpm").isEmpty());
        three.permitted("getsongbpm", api(sent, 0)).send(REQUEST);
        assertThat(sent).hasValue(2);
    }

    @Test
    void aPauseThatEndsWithinThePermitWaitIsWaitedOutAndThenAFreshPermitTaken() {
        RateLimits limits = instance(Map.of("enricher.sources.lastfm.rate-limit-per-second", "2",
                "enricher.sources.lastfm.max-permit-wait", "5s"));
        AtomicInteger sent = new AtomicInteger();
        Transport lastfm = limits.permitted("lastfm", api(sent, 0));
        Instant until = Instant.now().plusMillis(1500);
        limits.pauseUntil("lastfm", until, "Last.fm error 29");

        lastfm.send(REQUEST);

        // pauses are kept to the millisecond and waited out on the database's clock: the end as stored, to 1 ms
        assertThat(Instant.now()).isAfterOrEqualTo(until.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).minusMillis(1));
        assertThat(sent).hasValue(1);
    }

    @Test
    void aBudgetIsSharedByEveryInstanceAndPausesItsSourceWhenSpentUntilItsWindowFreesARequest() {
        SourceBudgets budget = new SourceBudgets(Map.of("acousticbrainz",
                new SourceBudgets.Block(new SourceBudgets.Budget(3, Duration.ofHours(1)))));
        RateLimits one = instance(Map.of(), Set.of(), budget);
        RateLimits two = instance(Map.of(), Set.of(), budget);
        AtomicInteger sent = new AtomicInteger();
        Transport viaOne = one.permitted("acousticbrainz", api(sent, 0));
        Transport viaTwo = two.permitted("acousticbrainz", api(sent, 0));
        Instant first = Instant.now();

        viaOne.send(REQUEST);
        viaTwo.send(REQUEST);
        viaOne.send(REQUEST);
        assertThatThrownBy(() -> viaTwo.send(REQUEST)).isInstanceOfSatisfying(SourceRateLimitedException.class, e -> {
            assertThat(e.getMessage()).contains("budget of 3 requests per 1h spent (3 sent in the window");
            assertThat(e.hints()).singleElement().isInstanceOf(Hint.PauseUntil.class);
        });
        assertThat(sent).as("three requests in the hour, from both instances together").hasValue(3);

        // paused until the window frees its oldest request: a window after the end of the minute slot it was counted in
        SourcePause pause = two.pause("acousticbrainz").orElseThrow();
        Duration slot = Budgets.slot(new SourceBudgets.Budget(3, Duration.ofHours(1)));
        assertThat(pause.until()).isAfter(first.plus(Duration.ofHours(1))).isBeforeOrEqualTo(first.plus(Duration.ofHours(1)).plus(slot));
        assertThat(pause.reason()).startsWith("budget of 3 requests per 1h spent");
        assertThat(two.view("acousticbrainz").budgetUsed()).contains(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> one.pausedUntil("acousticbrainz").isPresent());
        assertThatThrownBy(() -> viaOne.send(REQUEST)).isInstanceOf(SourceRateLimitedException.class);
        assertThat(sent).hasValue(3);

        // an operator lifts the pause: a fresh window
        one.liftPause("acousticbrainz");
        viaOne.send(REQUEST);
        assertThat(sent).hasValue(4);
    }

    @Test
    void aStrictlySpacedSourceSendsOneRequestAtATimeEachASpacingAfterThePreviousAnswerAcrossInstances() throws Exception {
        Map<String, Object> settings = Map.of("enricher.sources.musicbrainz.rate-limit-per-second", "4",
                "enricher.sources.musicbrainz.max-permit-wait", "30s");
        RateLimits one = instance(settings, Set.of("musicbrainz"), SourceBudgets.none());
        RateLimits two = instance(settings, Set.of("musicbrainz"), SourceBudgets.none());
        long spacingNanos = one.view("musicbrainz").spacing().toNanos();
        // the API: when each request arrived and when its answer left, 80 ms apart
        List<long[]> exchanges = Collections.synchronizedList(new ArrayList<>());
        Transport api = request -> {
            long arrived = System.nanoTime();
            sleep(80);
            exchanges.add(new long[] {arrived, System.nanoTime()});
            return new HttpAnswer("musicbrainz", request.uri(), 200, HttpHeaders.of(Map.of(), (a, b) -> true), "{}");
        };
        List<Transport> instances = List.of(one.permitted("musicbrainz", api), two.permitted("musicbrainz", api));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<HttpAnswer>> sends = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Transport via = instances.get(i % 2);
            sends.add(threads.submit(() -> via.send(REQUEST)));
        }
        for (Future<HttpAnswer> f : sends) {
            assertThat(f.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        threads.shutdown();

        List<long[]> inOrder = new ArrayList<>(exchanges);
        inOrder.sort((a, b) -> Long.compare(a[0], b[0]));
        long closest = Long.MAX_VALUE;
        for (int i = 1; i < inOrder.size(); i++) {
            assertThat(inOrder.get(i)[0]).as("request %d arrived after the previous answer left, plus the spacing", i)
                    .isGreaterThanOrEqualTo(inOrder.get(i - 1)[1] + spacingNanos);
            closest = Math.min(closest, inOrder.get(i)[0] - inOrder.get(i - 1)[0]);
        }
        System.out.printf("strict spacing, 12 requests from 8 threads on 2 instances: spacing %d ms after each answer; closest arrivals %d ms; "
                + "all in %d ms%n", spacingNanos / 1_000_000, closest / 1_000_000,
                (inOrder.get(inOrder.size() - 1)[1] - inOrder.get(0)[0]) / 1_000_000);
        assertThat(inOrder).hasSize(12);
    }

    @Test
    void aSpacedSourceSpacesItsRequestsFromWhenTheyLeftAcrossInstancesWhileTheirExchangesOverlap() throws Exception {
        Map<String, Object> settings = Map.of("enricher.sources.lastfm.rate-limit-per-second", "5",
                "enricher.sources.lastfm.max-permit-wait", "30s");
        RateLimits one = instance(settings);
        RateLimits two = instance(settings);
        long spacingNanos = one.view("lastfm").spacing().toNanos();
        // each exchange takes 500 ms, longer than the spacing (210 ms): spaced requests overlap, they are not serialised
        List<long[]> exchanges = Collections.synchronizedList(new ArrayList<>());
        Transport api = request -> {
            long left = System.nanoTime();
            sleep(500);
            exchanges.add(new long[] {left, System.nanoTime()});
            return new HttpAnswer("lastfm", request.uri(), 200, HttpHeaders.of(Map.of(), (a, b) -> true), "{}");
        };
        List<Transport> instances = List.of(one.permitted("lastfm", api), two.permitted("lastfm", api));
        ExecutorService threads = Executors.newFixedThreadPool(12);
        List<Future<HttpAnswer>> sends = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Transport via = instances.get(i % 2);
            sends.add(threads.submit(() -> via.send(REQUEST)));
        }
        for (Future<HttpAnswer> f : sends) {
            assertThat(f.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        threads.shutdown();

        List<long[]> inOrder = new ArrayList<>(exchanges);
        inOrder.sort((a, b) -> Long.compare(a[0], b[0]));
        // each request's turn starts a spacing after the previous one was recorded as leaving, just before it was handed
        // to the exchange; the test sees it a moment later (its thread may be held up in between on a busy host), which can
        // narrow the one gap after it but never the sum of the gaps that follow: k gaps span k spacings, less that moment
        int overlapping = 0;
        for (int i = 1; i < inOrder.size(); i++) {
            for (int j = 0; j < i; j++) {
                assertThat(inOrder.get(i)[0] - inOrder.get(j)[0]).as("requests %d to %d left at least %d spacings apart, less a moment", j, i, i - j)
                        .isGreaterThanOrEqualTo((i - j) * spacingNanos - spacingNanos / 2);
            }
            overlapping += inOrder.get(i)[0] < inOrder.get(i - 1)[1] ? 1 : 0;
        }
        double rate = (inOrder.size() - 2) * 1e9 / (inOrder.get(inOrder.size() - 1)[0] - inOrder.get(1)[0]);
        assertThat(rate).as("requests per second after the first (the limit: 5)").isLessThanOrEqualTo(5.0);
        // each instance's first request carries its cold start: the next leaves only after its answer
        assertThat(inOrder.get(1)[0]).as("after the first request's answer").isGreaterThanOrEqualTo(inOrder.get(0)[1]);
        assertThat(overlapping).as("requests that left while the previous one was still out").isGreaterThan(8);
        long closest = Long.MAX_VALUE;
        for (int i = 2; i < inOrder.size(); i++) {
            closest = Math.min(closest, inOrder.get(i)[0] - inOrder.get(i - 1)[0]);
        }
        System.out.printf("spaced, 16 requests of 500 ms from 12 threads on 2 instances: spacing %d ms, closest two left %d ms apart, "
                + "%.2f/s after the first, %d overlapped the previous one%n", spacingNanos / 1_000_000, closest / 1_000_000, rate, overlapping);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
