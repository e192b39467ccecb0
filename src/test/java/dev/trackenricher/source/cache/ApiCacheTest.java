package dev.trackenricher.source.cache;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.musicbrainz.MusicBrainzClient;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestClients;
import dev.trackenricher.support.TestTrack;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The response cache in api_cache: keyed by source and request (credentials left out), TTL per
 * source, answers only — never failures; force-refresh bypasses it; hits and misses counted.
 */
class ApiCacheTest extends IntegrationTest {

    @Autowired
    ObjectMapper json;
    @Autowired
    TrackMatcher matcher;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Clock clock;
    @Autowired
    ConfigurableEnvironment environment;
    @Autowired
    ApiCache cache;

    @Test
    void theSameTrackAgainIsServedFromTheCacheWithoutAnHttpCall() throws Exception {
        TestTrack t = TestTrack.numbered(801);
        ApiStubs.knowEverywhere(t);
        // the catalogue holds the track twice (as catalogues do): the second is answered from the cache
        UUID first = addTracks(List.of(t)).get(0);
        runEnrich(1);
        Map<String, Integer> calls = callsPerSource();
        double hitsBefore = hits("musicbrainz");
        double missesBefore = misses("musicbrainz");
        UUID second = addTracks(List.of(t)).get(0);

        runEnrich(1);

        assertThat(callsPerSource()).as("no HTTP call for the second").isEqualTo(calls);
        assertThat(status(second).get("status")).isEqualTo("completed");
        assertThat(outcomes(second)).isEqualTo(outcomes(first));
        assertThat(metadataWithoutRunTime(second)).isEqualTo(metadataWithoutRunTime(first));
        assertThat(hits("musicbrainz") - hitsBefore).isEqualTo(1);
        assertThat(misses("musicbrainz") - missesBefore).isZero();
        for (String source : ApiStubs.SOURCES) {
            assertThat(hits(source)).as(source + " hits").isPositive();
        }
    }

    @Test
    void hitsAndMissesReachPrometheusUnderTheSpecifiedNames() {
        // tests run without the Prometheus registry (Spring Boot switches exporters off in tests): the cache
        // counts into one of its own here, the way the service's registry receives them
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ApiCache counted = new ApiCache(jdbc, json, prometheus, new CacheSettings(true, false, List.of(), null, 0, null), clock);
        counted.store("musicbrainz", "/recording?query=x", new ApiCache.Entry(200, "application/json", "{\"recordings\":[]}"),
                Duration.ofDays(1));

        assertThat(counted.lookup("musicbrainz", "/recording?query=x")).isPresent();
        assertThat(counted.lookup("spotify", "/search?q=y")).isEmpty();

        String scrape = prometheus.scrape();
        assertThat(scrape).contains("enrichment_cache_hits_total{cache_type=\"musicbrainz\"} 1.0")
                .contains("enrichment_cache_misses_total{cache_type=\"spotify\"} 1.0");
    }

    @Test
    void anExpiredEntryIsFetchedAgain() throws Exception {
        TestTrack t = TestTrack.numbered(802);
        ApiStubs.knowEverywhere(t);
        addTracks(List.of(t));
        runEnrich(1);
        Map<String, Integer> calls = callsPerSource();
        cache.flush();
        jdbc.update("UPDATE api_cache SET expires_at = now() - interval '1 second' WHERE source = 'musicbrainz'");
        addTracks(List.of(t));

        runEnrich(1);

        Map<String, Integer> now = callsPerSource();
        cache.flush();
        assertThat(now.get("musicbrainz")).isEqualTo(calls.get("musicbrainz") + 1);
        assertThat(now.get("spotify")).isEqualTo(calls.get("spotify"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_cache WHERE source = 'musicbrainz' AND expires_at > now()", Integer.class))
                .as("the fresh answer replaced the expired one").isEqualTo(1);
    }

    @Test
    void foundAnswersLiveForCacheTtlAndNotFoundOnesForNotFoundTtlAtMost() throws Exception {
        TestTrack known = TestTrack.numbered(803);
        ApiStubs.know("musicbrainz", known);
        addTracks(List.of(known, TestTrack.numbered(804)));

        runEnrich(null);

        // musicbrainz: cache-ttl 90d, not-found-ttl 30d (batch-config/sources.yml)
        cache.flush();
        List<Long> days = jdbc.queryForList("""
                SELECT round(extract(epoch FROM expires_at - fetched_at) / 86400) FROM api_cache
                 WHERE source = 'musicbrainz' ORDER BY cache_key""", Long.class);
        assertThat(days).containsExactlyInAnyOrder(sources.settings("musicbrainz").cacheTtl().toDays(),
                sources.settings("musicbrainz").notFoundTtl().toDays());
        assertThat(sources.settings("musicbrainz").cacheTtl()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void aFailureIsNeverCached() throws Exception {
        TestTrack t = TestTrack.numbered(805);
        ApiStubs.knowEverywhere(t);
        ApiStubs.answerAll("musicbrainz", ApiStubs.serverError());
        // Last.fm answers getInfo (no tags) but fails getTopTags: the fetch failed, so neither answer is kept
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("lastfm") + "/")).withQueryParam("method", equalTo("track.getInfo"))
                .atPriority(3).willReturn(okJson(
                        "{\"track\":{\"name\":\"" + t.title() + "\",\"artist\":{\"name\":\"" + t.artist() + "\"},\"listeners\":\"3\"}}")));
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("lastfm") + "/")).withQueryParam("method", equalTo("track.getTopTags"))
                .atPriority(3).willReturn(ApiStubs.serverError()));
        UUID first = addTracks(List.of(t)).get(0);
        runEnrich(1);
        assertThat(outcomes(first)).containsEntry("musicbrainz", "failed").containsEntry("lastfm", "failed").containsEntry("spotify", "found");
        cache.flush();
        assertThat(jdbc.queryForList("SELECT DISTINCT source FROM api_cache", String.class))
                .doesNotContain("musicbrainz", "lastfm").contains("spotify");

        ApiStubs.reset();
        ApiStubs.knowEverywhere(t);
        UUID second = addTracks(List.of(t)).get(0);
        runEnrich(1);

        assertThat(outcomes(second)).containsEntry("musicbrainz", "found").containsEntry("lastfm", "found");
        assertThat(ApiStubs.count("musicbrainz")).isEqualTo(1);
        assertThat(ApiStubs.count("spotify")).as("Spotify's answer was cached").isZero();
    }

    @Test
    void forceRefreshAsksTheApiAgainAndReplacesTheEntry() {
        TestTrack t = TestTrack.numbered(806);
        ApiStubs.know("musicbrainz", t);
        SourceRequest request = new SourceRequest(UUID.randomUUID(), t.artist(), t.title(), null, null, t.durationMs(), null, "cache-test");
        MusicBrainzClient cached = musicbrainz(cache);
        ApiCache forcing = new ApiCache(jdbc, json, meters, new CacheSettings(true, false, List.of("musicbrainz"), null, 0, null), clock);
        MusicBrainzClient forced = musicbrainz(forcing);

        cached.fetch(request);
        cached.fetch(request);
        assertThat(ApiStubs.count("musicbrainz")).as("second fetch from the cache").isEqualTo(1);
        cache.flush();
        var fetchedAt = jdbc.queryForObject("SELECT fetched_at FROM api_cache WHERE source = 'musicbrainz'", java.sql.Timestamp.class);

        assertThat(forced.fetch(request).outcome()).isEqualTo(Outcome.FOUND);
        assertThat(ApiStubs.count("musicbrainz")).as("force-refresh asked again").isEqualTo(2);
        forcing.flush();
        assertThat(jdbc.queryForObject("SELECT fetched_at FROM api_cache WHERE source = 'musicbrainz'", java.sql.Timestamp.class))
                .isAfter(fetchedAt);

        // the global switch does the same for every source
        assertThat(new CacheSettings(true, true, List.of(), null, 0, null).forceRefresh("spotify")).isTrue();
        assertThat(new CacheSettings(true, false, List.of("musicbrainz"), null, 0, null).forceRefresh("spotify")).isFalse();
    }

    @Test
    void credentialsAreNeverPartOfTheCacheKey() throws Exception {
        TestTrack t = TestTrack.numbered(807);
        ApiStubs.knowEverywhere(t);
        addTracks(List.of(t));

        runEnrich(null);
        cache.flush();

        Map<String, List<String>> keys = jdbc.queryForList("SELECT source, cache_key FROM api_cache").stream()
                .collect(Collectors.groupingBy(r -> (String) r.get("source"), Collectors.mapping(r -> (String) r.get("cache_key"), Collectors.toList())));
        assertThat(keys).containsOnlyKeys(ApiStubs.SOURCES);
        keys.values().stream().flatMap(List::stream).forEach(key -> assertThat(key)
                .doesNotContain("SHOULD-NOT-LEAK").doesNotContain("api_key").doesNotContain("token"));
        assertThat(keys.get("lastfm")).singleElement().asString()
                .isEqualTo("/?method=track.getInfo&artist=Artist%20807&track=Song%20807&autocorrect=1&format=json");
        assertThat(keys.get("getsongbpm")).singleElement().asString()
                .isEqualTo("/search/?type=both&lookup=song%3ASong%20807%20artist%3AArtist%20807");
        assertThat(keys.get("discogs")).contains("/releases/" + ApiStubs.discogsReleaseId(t));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_cache WHERE payload::text LIKE '%SHOULD-NOT-LEAK%'", Integer.class)).isZero();

        // a credential is left out by its name, and by its value wherever it appears
        String base = sources.settings("getsongbpm").baseUrl().toString();
        ResponseCache responses = new ResponseCache("getsongbpm", base, cache, dev.trackenricher.credentials.Redactor.process(), r -> null);
        assertThat(responses.cacheKey(URI.create(base + "/song/?id=x&API_KEY=other&k=test-getsongbpm-key-SHOULD-NOT-LEAK")))
                .isEqualTo("/song/?id=x");
    }

    private MusicBrainzClient musicbrainz(ApiCache withCache) {
        return new MusicBrainzClient(new TestClients(environment, json, matcher, meters).sources(Map.of(), limits, withCache));
    }

    private Map<String, Integer> callsPerSource() {
        return ApiStubs.SOURCES.stream().collect(Collectors.toMap(s -> s, ApiStubs::count));
    }

    private double hits(String source) {
        Counter c = meters.find("enrichment_cache_hits").tag("cache_type", source).counter();
        return c == null ? 0 : c.count();
    }

    private double misses(String source) {
        Counter c = meters.find("enrichment_cache_misses").tag("cache_type", source).counter();
        return c == null ? 0 : c.count();
    }

    private String metadataWithoutRunTime(UUID id) {
        return jdbc.queryForObject("SELECT (metadata - 'enriched_at')::text FROM tracks WHERE id = ?", String.class, id);
    }

    @Test
    void aRequestNeverStoredCostsNoLookupAndOtherInstancesKeysArriveWithTheNextRefresh() {
        ApiCache other = new ApiCache(jdbc, json, meters, new CacheSettings(true, false, List.of(), null, 1000, Duration.ofHours(1)), clock);
        other.loadKnownKeys();
        ApiCache.Entry answer = new ApiCache.Entry(200, "application/json", "{\"recordings\":[]}");
        // another instance stores an answer: this one's filter does not know the key yet, so it does not look
        cache.store("musicbrainz", "/recording?query=stored-elsewhere", answer, Duration.ofDays(1));
        cache.flush();
        assertThat(other.lookup("musicbrainz", "/recording?query=stored-elsewhere")).isEmpty();

        other.loadKnownKeys();

        assertThat(other.lookup("musicbrainz", "/recording?query=stored-elsewhere")).contains(answer);
        // and what it stores itself it knows at once
        other.store("spotify", "/search?q=mine", answer, Duration.ofDays(1));
        other.flush();
        assertThat(other.lookup("spotify", "/search?q=mine")).contains(answer);
    }
}
