package dev.trackenricher.source.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.credentials.Credentials;
import dev.trackenricher.credentials.CredentialStore;
import dev.trackenricher.json.JsonFields;
import dev.trackenricher.match.Candidate;
import dev.trackenricher.match.Match;
import dev.trackenricher.match.MatchDecision;
import dev.trackenricher.match.MatchQuery;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.music.Tempo;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.ReviewCandidate;
import dev.trackenricher.source.SourceClient;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceRateLimitedException;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.SourceSettings;
import dev.trackenricher.source.cache.ResponseCache;
import dev.trackenricher.source.http.HttpAnswer;
import dev.trackenricher.source.http.StatusMapping;
import dev.trackenricher.source.http.Transport;
import dev.trackenricher.source.http.Uris;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * The template every HTTP source extends: it holds only what is specific to its API (which
 * requests, how to read the answers), and this class carries the steps they share.
 *
 * <ul>
 * <li>{@link #fetch}: opens a cache session, runs {@link #lookup} (or {@link #findById} when a person
 * set the track's id for this source), keeps the answers the API gave
 * when the fetch ended with an answer (found for {@code cache-ttl}, not_found for
 * {@code not-found-ttl} at most), and turns anything undocumented a hostile answer provoked into a
 * failure of this source;</li>
 * <li>{@link Calls}: the requests of one fetch, through the cache, the rate-limit permit and the
 * HTTP exchange, each answer checked by a declared {@link StatusMapping};</li>
 * <li>the shared steps of reading answers: the search-limit clamp, tempo rounding, matching a
 * search's hits, found / not_found / needs_review results.</li>
 * <li>{@link #lookupById}: the same steps around {@link #findById}, the source's data for one of its
 * own ids (a review candidate a person accepted).</li>
 * </ul>
 *
 * <p>A source whose API answers several tracks in one request overrides {@link #maxBatch()} and
 * {@link #lookupBatch}: one request, one permit, one cached answer for the whole batch, and a
 * failure of that request fails each of its tracks (for this source only).
 */
public abstract class HttpSourceClient implements SourceClient {

    private final String name;
    private final SourceSettings settings;
    private final String base;
    private final String userAgent;
    private final ObjectMapper json;
    private final TrackMatcher matcher;
    private final CredentialStore credentials;
    private final ResponseCache cache;
    private final Transport unlimited;
    private final HttpSources.Parts parts;

    protected HttpSourceClient(String name, HttpSources sources) {
        this.parts = sources.forSource(name);
        this.name = name;
        this.settings = parts.settings();
        this.base = Uris.base(settings.baseUrl());
        this.userAgent = parts.userAgent();
        this.json = parts.json();
        this.matcher = parts.matcher();
        this.credentials = parts.credentials();
        this.cache = parts.cache();
        this.unlimited = parts.unlimited();
    }

    @Override
    public final String name() {
        return name;
    }

    /** Finds the track with the requests of {@code calls}: found, not_found, or a documented exception. */
    protected abstract SourceResult lookup(SourceRequest request, Calls calls);

    @Override
    public final SourceResult fetch(SourceRequest request) {
        Calls calls = new Calls(cache.open());
        try {
            SourceResult result;
            try {
                Optional<String> curated = curatedId(request);
                Optional<SourceResult> byId = curated.isPresent() ? findById(curated.get(), request, calls) : Optional.empty();
                result = byId.isPresent() ? byId.get() : lookup(request, calls);
            } catch (SourceFailureException | SourceRateLimitedException documented) {
                throw documented;
            } catch (RuntimeException e) {
                throw unexpected(e);
            }
            calls.keepFor(List.of(result));
            return result;
        } finally {
            calls.runAfterwards();
        }
    }

    /** The id a person set for this track in this source's {@link #idField() id field}, if any. */
    private Optional<String> curatedId(SourceRequest request) {
        return idField().flatMap(request::curatedId);
    }

    @Override
    public final Optional<SourceResult> lookupById(String id, SourceRequest context) {
        Calls calls = new Calls(cache.open());
        Optional<SourceResult> result;
        try {
            result = findById(id, context, calls);
        } catch (SourceFailureException | SourceRateLimitedException documented) {
            throw documented;
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
        result.ifPresent(r -> calls.keepFor(List.of(r)));
        return result;
    }

    /**
     * The source's data for one of its own ids, with the requests of {@code calls}: found with
     * confidence 1.0 (a person chose it), or not_found when the API has no such id; empty when the
     * API cannot be asked by id (the default).
     */
    protected Optional<SourceResult> findById(String id, SourceRequest request, Calls calls) {
        return Optional.empty();
    }

    /**
     * Several tracks in as few requests as the API allows: batches of at most {@link #maxBatch()}
     * through {@link #lookupBatch}, each in one cache session (its answers kept once, when any of
     * its tracks was answered); a batch that throws fails each of its tracks. Without a batch form
     * ({@code maxBatch() == 1}) each track is fetched on its own.
     */
    @Override
    public Map<UUID, SourceResult> fetchBatch(List<SourceRequest> requests) {
        int size = maxBatch();
        if (size <= 1) {
            return SourceClient.super.fetchBatch(requests);
        }
        Map<UUID, SourceResult> out = new LinkedHashMap<>();
        // a track whose id a person set is looked up by that id, on its own: a batch form never hides a correction
        List<SourceRequest> batchable = new ArrayList<>();
        for (SourceRequest r : requests) {
            if (curatedId(r).isPresent()) {
                out.putAll(SourceClient.super.fetchBatch(List.of(r)));
            } else {
                batchable.add(r);
            }
        }
        for (int from = 0; from < batchable.size(); from += size) {
            List<SourceRequest> batch = batchable.subList(from, Math.min(batchable.size(), from + size));
            Calls calls = new Calls(cache.open());
            Map<UUID, SourceResult> answered;
            try {
                answered = lookupBatch(batch, calls);
            } catch (RuntimeException e) {
                calls.runAfterwards();
                RuntimeException documented = e instanceof SourceFailureException || e instanceof SourceRateLimitedException ? e : unexpected(e);
                batch.forEach(r -> out.put(r.trackId(), SourceResult.failed(name, documented)));
                continue;
            }
            try {
                calls.keepFor(answered.values());
            } finally {
                calls.runAfterwards();
            }
            for (SourceRequest r : batch) {
                SourceResult result = answered.get(r.trackId());
                out.put(r.trackId(), result != null ? result
                        : SourceResult.of(name, Outcome.FAILED, name + " answered the batch without this track"));
            }
        }
        return out;
    }

    /**
     * Answers a batch of tracks (at most {@link #maxBatch()}) with the requests of {@code calls},
     * by track id. Throws for a failure of the whole batch; a failure of one track is its failed
     * result. Only for sources that override {@link #maxBatch()}.
     */
    protected Map<UUID, SourceResult> lookupBatch(List<SourceRequest> requests, Calls calls) {
        throw new UnsupportedOperationException(name + " has no batch requests");
    }

    private RuntimeException unexpected(RuntimeException e) {
        // a hostile answer provoked something in this client's mapping: a failure of this source, not a bug escaping into the fan-out
        SourceFailureException failure = new SourceFailureException(name + ": unexpected " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        failure.setStackTrace(e.getStackTrace());
        return failure;
    }

    // ------------------------------------------------------------------ what a client builds requests with

    /** The source's config block. */
    protected SourceSettings settings() {
        return settings;
    }

    /** The source's own settings (beyond {@link SourceSettings}), bound from its config block into {@code type}. */
    protected <T> T options(Class<T> type) {
        return parts.binder().bindOrCreate("enricher.sources." + name, type);
    }

    /** The source's credentials now (set over the API, else configured): read at every call, so a rotation needs no restart. */
    protected Credentials credentials() {
        return credentials.of(name);
    }

    /** The application's JSON mapper. */
    protected ObjectMapper json() {
        return json;
    }

    /** {@code base-url + path + ?query}, every query name and value percent-encoded. */
    protected URI uri(String path, Map<String, String> query) {
        return Uris.of(base, path, query);
    }

    /** One path segment, percent-encoded. */
    protected static String segment(String value) {
        return Uris.encodeComponent(value);
    }

    /** A request with the source's timeout, User-Agent and {@code Accept: application/json}. */
    protected HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("User-Agent", userAgent)
                .header("Accept", "application/json");
    }

    /**
     * Sends outside the API's rate limit and the cache (for endpoints the limit does not cover, such
     * as an OAuth token endpoint).
     */
    protected HttpAnswer sendUnlimited(HttpRequest request) {
        return unlimited.send(request);
    }

    /** The configured search limit, within what the API accepts ({@code 1 … apiMax}). */
    protected int searchLimit(int apiMax) {
        return searchLimit(settings.searchLimit(), apiMax);
    }

    /** A search limit within what the API accepts ({@code 1 … apiMax}). */
    public static int searchLimit(int configured, int apiMax) {
        return Math.max(1, Math.min(apiMax, configured));
    }

    /** A tempo field as BPM to one decimal; empty when missing, unreadable, zero or negative. */
    protected static Optional<Double> bpm(JsonNode node, String field) {
        return JsonFields.decimal(node, field).flatMap(Tempo::bpm);
    }

    /** The hit that is the catalogue's track (title, artist and, when both know it, duration), or none. */
    protected <T> Optional<Match<T>> best(SourceRequest request, List<Candidate<T>> hits) {
        return matcher.best(new MatchQuery(request.artistName(), request.title(), request.durationMs()), hits);
    }

    /**
     * The same, telling apart "none of these is the track" from "a person could decide" (the best
     * hit just below the threshold, or two recordings scoring alike): see {@link MatchDecision}.
     */
    protected <T> MatchDecision<T> decide(SourceRequest request, List<Candidate<T>> hits) {
        return matcher.decide(new MatchQuery(request.artistName(), request.title(), request.durationMs()), hits);
    }

    /**
     * Of hits that share an identifier with the track (an ISRC search's or lookup's), the one of the
     * catalogue's version: the same version rules, no name comparison (see
     * {@link TrackMatcher#decideByIdentifier}).
     */
    protected <T> MatchDecision<T> decideByIdentifier(SourceRequest request, List<Candidate<T>> hits) {
        return matcher.decideByIdentifier(new MatchQuery(request.artistName(), request.title(), request.durationMs()), hits);
    }

    /** The same as {@link #best}, for a source that gives no duration or one that never decides: title and artist decide. */
    protected <T> Optional<Match<T>> bestIgnoringDuration(SourceRequest request, List<Candidate<T>> hits) {
        return matcher.best(new MatchQuery(request.artistName(), request.title(), null), hits);
    }

    /** {@link #decide}, for a source that gives no duration: title and artist decide. */
    protected <T> MatchDecision<T> decideIgnoringDuration(SourceRequest request, List<Candidate<T>> hits) {
        return matcher.decide(new MatchQuery(request.artistName(), request.title(), null), hits);
    }

    /**
     * An undecided search as a needs_review result: its candidates (best first) with the source's id
     * for each ({@code idOf}, what {@link #findById} takes), and why each was not taken.
     */
    protected <T> SourceResult needsReview(MatchDecision.Undecided<T> undecided, Function<T, String> idOf) {
        List<ReviewCandidate> out = new ArrayList<>();
        List<MatchDecision.Scored<T>> scored = undecided.candidates();
        for (int i = 0; i < scored.size(); i++) {
            MatchDecision.Scored<T> s = scored.get(i);
            TreeSet<String> markers = new TreeSet<>(s.version().differentRecording());
            markers.addAll(s.version().sameRecording());
            String why = i == 0 ? undecided.why() : s.score() < matcher.settings().threshold()
                    ? "scores %.3f, below the threshold of %.2f".formatted(s.score(), matcher.settings().threshold())
                    : "scores %.3f, below the best hit (%.3f)".formatted(s.score(), scored.get(0).score());
            out.add(new ReviewCandidate(idOf.apply(s.candidate().item()), String.join(", ", s.candidate().artists()),
                    s.candidate().title(), List.copyOf(markers), s.candidate().durationMs(), s.score(), why));
        }
        return SourceResult.needsReview(name, "undecided: " + undecided.why(), out);
    }

    protected SourceResult found(Map<String, Object> fields, Double confidence) {
        return SourceResult.found(name, fields, confidence);
    }

    protected SourceResult notFound(String why) {
        return SourceResult.notFound(name, why);
    }

    /** The requests of one fetch: each through the response cache, then the rate-limit permit, then HTTP. */
    public final class Calls {

        private final ResponseCache.Session session;
        private final List<Runnable> afterwards = new ArrayList<>(1);

        private Calls(ResponseCache.Session session) {
            this.session = session;
        }

        /** Runs {@code step} once the fetch is over, its answers kept in the cache (or it failed): what waits for them may go on then. */
        public void afterwards(Runnable step) {
            afterwards.add(step);
        }

        private void runAfterwards() {
            for (Runnable step : afterwards) {
                step.run();
            }
            afterwards.clear();
        }

        /** A GET, whatever its status. */
        public HttpAnswer get(URI uri) {
            return get(uri, Map.of());
        }

        /** A GET with these headers, whatever its status. */
        public HttpAnswer get(URI uri, Map<String, String> headers) {
            HttpRequest.Builder builder = request(uri).GET();
            headers.forEach(builder::header);
            return session.send(builder.build());
        }

        /** A GET from the response cache only, with no request sent: empty when no fresh answer is stored. */
        public Optional<HttpAnswer> cached(URI uri) {
            return session.cached(request(uri).GET().build());
        }

        /** A request of any method (only GETs are cached). */
        public HttpAnswer send(HttpRequest request) {
            return session.send(request);
        }

        /**
         * A GET's body as JSON, its status checked by {@code statuses}: empty for a
         * {@link StatusMapping#missing missing} status, the documented exception for a refused or failed one.
         */
        public Optional<JsonNode> json(URI uri, Map<String, String> headers, StatusMapping statuses) {
            return json(get(uri, headers), statuses);
        }

        /** The same for an answer already received. */
        public Optional<JsonNode> json(HttpAnswer answer, StatusMapping statuses) {
            HttpAnswer checked = statuses.check(answer);
            return statuses.isMissing(checked) ? Optional.empty() : Optional.of(checked.json(json));
        }

        private void keepFor(java.util.Collection<SourceResult> results) {
            boolean found = false;
            boolean answered = false;
            for (SourceResult r : results) {
                found |= r != null && r.outcome() == Outcome.FOUND;
                answered |= r != null && r.outcome().answered();
            }
            if (!answered) {
                return;
            }
            session.keep(found ? settings.cacheTtl() : min(settings.cacheTtl(), settings.notFoundTtl()));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
