package dev.trackenricher.source.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.credentials.CredentialStore;
import dev.trackenricher.credentials.Redactor;
import dev.trackenricher.match.MatchSettings;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.source.SourceSettings;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.cache.ApiCache;
import dev.trackenricher.source.cache.ResponseCache;
import dev.trackenricher.source.http.HttpTransport;
import dev.trackenricher.source.http.Transport;
import dev.trackenricher.source.http.Uris;
import dev.trackenricher.source.limits.RateLimits;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * What every HTTP source client is built from ({@link HttpSourceClient}): its config block, its
 * credentials, and its transport, layered as response cache → rate-limit permit → HTTP exchange.
 * One per application; tests build their own with other settings, limits or a transport of their
 * own in place of HTTP.
 */
@Configuration
public class HttpSources {

    /** How much of one answer is read at most, unless configured ({@code enricher.limits.max-answer-size}). */
    public static final long DEFAULT_MAX_ANSWER_BYTES = 8L * 1024 * 1024;

    /** One source's parts. */
    public record Parts(String name, SourceSettings settings, String userAgent, ObjectMapper json, TrackMatcher matcher,
                        CredentialStore credentials, ResponseCache cache, Transport unlimited, Binder binder) {
    }

    private final SourcesProperties properties;
    private final ObjectMapper json;
    private final TrackMatcher matcher;
    private final CredentialStore credentials;
    private final RateLimits limits;
    private final ApiCache cache;
    private final Binder binder;
    private final Function<String, Transport> http;

    @Autowired
    public HttpSources(SourcesProperties properties, ObjectMapper json, MatchSettings match, CredentialStore credentials, RateLimits limits,
                       ApiCache cache, MeterRegistry meters, Environment environment,
                       @Value("${enricher.limits.max-answer-size:8MB}") DataSize maxAnswerSize) {
        this(properties, json, new TrackMatcher(match), credentials, limits, cache, Binder.get(environment),
                source -> http(properties.settings(source), source, maxAnswerSize.toBytes(), meters));
    }

    /**
     * @param http the transport that reaches each source's API (the HTTP exchange, or a test's
     *             stand-in); the cache and the rate limit are put in front of it
     */
    public HttpSources(SourcesProperties properties, ObjectMapper json, TrackMatcher matcher, CredentialStore credentials,
                       RateLimits limits, ApiCache cache, Binder binder, Function<String, Transport> http) {
        this.properties = Objects.requireNonNull(properties);
        this.json = Objects.requireNonNull(json);
        this.matcher = Objects.requireNonNull(matcher);
        this.credentials = Objects.requireNonNull(credentials);
        this.limits = Objects.requireNonNull(limits);
        this.cache = Objects.requireNonNull(cache);
        this.binder = Objects.requireNonNull(binder);
        this.http = Objects.requireNonNull(http);
    }

    /** The HTTP exchange of a source, as configured. */
    public static Transport http(SourceSettings settings, String source, long maxAnswerBytes, MeterRegistry meters) {
        return new HttpTransport(source, settings.timeout(), settings.connectTimeout(), maxAnswerBytes, meters);
    }

    @Bean
    public TrackMatcher trackMatcher() {
        return matcher;
    }

    public Parts forSource(String source) {
        SourceSettings settings = properties.settings(source);
        String userAgent = settings.userAgent() != null && !settings.userAgent().isBlank() ? settings.userAgent() : properties.userAgent();
        Transport exchange = http.apply(source);
        Transport permitted = limits.permitted(source, exchange);
        ResponseCache responses = new ResponseCache(source, Uris.base(settings.baseUrl()), cache, Redactor.process(), permitted);
        return new Parts(source, settings, userAgent, json, matcher, credentials, responses, exchange, binder);
    }
}
