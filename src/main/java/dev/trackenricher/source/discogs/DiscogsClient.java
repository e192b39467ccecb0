package dev.trackenricher.source.discogs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.credentials.Credentials;
import dev.trackenricher.json.JsonFields;
import dev.trackenricher.match.Candidate;
import dev.trackenricher.match.Match;
import dev.trackenricher.match.MatchDecision;
import dev.trackenricher.match.TextNormalizer;
import dev.trackenricher.match.TitleVersion;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.source.Hint;
import dev.trackenricher.source.SourceRateLimitedException;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.client.HttpSourceClient;
import dev.trackenricher.source.client.HttpSources;
import dev.trackenricher.source.http.HttpAnswer;
import dev.trackenricher.source.http.StatusMapping;
import java.time.Duration;
import dev.trackenricher.source.SourceFailureException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Discogs (personal token): a release search by artist and track, then the releases it lists, by
 * the catalogue's artist (every name of a joint credit), earliest first, until one's tracklist
 * holds the track (Discogs's {@code track} search is fuzzy, and a live album or a compilation would
 * give the wrong label and year): at most {@code max-releases} of them, one pressing of a master.
 * A release titled after the track (its single, a title track) decides without its tracklist, so a
 * track costs one request there; a release already read (another track of the album) comes from the
 * response cache, and tracks of one release in flight at once wait for a single read. The release
 * gives label, catalogue number, year, country, genres and styles.
 *
 * <p>Discogs has no batch read, so an album's tracks share what was read ({@link DiscogsReleases}):
 * a release read lately, or being read for another track, is not read again, and a track found on
 * a release of its artist read lately (its album's earlier track) needs no request at all; one
 * lookup per artist is in flight at a time (at most {@code artist-wait}) so that the later tracks
 * of an album find its release read.
 *
 * <p>Discogs counts requests in a moving 60 s window and reports what is left in
 * {@code X-Discogs-Ratelimit-Remaining}: when that reaches 0 the source is held back for the window,
 * so we never provoke its 429.
 */
@Component
public class DiscogsClient extends HttpSourceClient {

    public static final String NAME = "discogs";
    /** Discogs's rate-limit window (documented: requests per minute, moving window). */
    static final Duration RATE_LIMIT_WINDOW = Duration.ofSeconds(60);
    private static final int MAX_PER_PAGE = 100;
    /** 401 is our token; a 429 without Retry-After (Discogs documents none) waits out the window. */
    private static final StatusMapping SEARCH = StatusMapping.standard()
            .refusing(401, "Discogs refused the token").rateLimited(429, RATE_LIMIT_WINDOW);
    /** The same, and a release the search listed may be gone since. */
    private static final StatusMapping RELEASE = SEARCH.missing(404);
    private static final Pattern DISAMBIGUATION = Pattern.compile("\\s*\\(\\d+\\)$");
    private static final Pattern SORT_FORM_THE = Pattern.compile("^(.+),\\s*The$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("^(?:(\\d+):)?(\\d{1,2}):(\\d{2})$");
    /** A release id, optionally with a track position: {@code 249504}, {@code 249504#A2}. */
    private static final Pattern CANDIDATE_ID = Pattern.compile("^([1-9][0-9]{0,17})(?:#(.+))?$");
    private static final Logger log = LoggerFactory.getLogger(DiscogsClient.class);

    private final DiscogsOptions options;
    private final DiscogsReleases releases;

    public DiscogsClient(HttpSources sources) {
        super(NAME, sources);
        this.options = options(DiscogsOptions.class);
        this.releases = new DiscogsReleases(options.recentReleases());
    }

    @Override
    public List<String> credentialNames() {
        return List.of(Credentials.TOKEN);
    }

    @Override
    protected SourceResult lookup(SourceRequest request, Calls calls) {
        String artist = artistKey(request.artistName());
        DiscogsReleases.Turn turn = releases.turn(artist, options.artistWait());
        // the next lookup of the artist goes on once this fetch's answers are in the response cache, where it reads the release
        calls.afterwards(turn::close);
        Optional<SourceResult> onRead = onReleaseReadLately(request, artist, calls);
        if (onRead.isPresent()) {
            return onRead.get();
        }
        return searchAndVerify(request, calls, artist);
    }

    /**
     * The search, then the plausible releases' tracklists, earliest first (from the response cache
     * when read lately; shared when being read for another track).
     */
    private SourceResult searchAndVerify(SourceRequest request, Calls calls, String artist) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("type", "release");
        query.put("artist", TrackMatcher.searchableArtist(request.artistName()));
        query.put("track", TitleVersion.searchable(request.title()));
        query.put("per_page", String.valueOf(searchLimit(MAX_PER_PAGE)));
        query.put("page", "1");
        HttpAnswer last = call(calls, "/database/search", query);
        JsonNode answer = calls.json(last, SEARCH).orElseThrow();
        List<JsonNode> plausible = plausible(request.artistName(), JsonFields.array(answer, "results"));
        if (plausible.isEmpty()) {
            return withBudget(last, notFound("no release by this artist with this track"));
        }
        MatchDecision.Undecided<JsonNode> undecided = null;
        long undecidedRelease = 0;
        Set<Long> mastersRead = new HashSet<>();
        List<Long> asked = new ArrayList<>();
        for (JsonNode hit : plausible) {
            // a release named after the track (its single, a title track) is where the track is: its tracklist adds only the position
            Optional<Match<JsonNode>> named = namedAfterTheTrack(request, hit);
            if (named.isPresent()) {
                return withBudget(last, found(searchFields(hit), named.get().confidence()));
            }
            long master = JsonFields.integer(hit, "master_id").orElse(0L);
            if ((master > 0 && !mastersRead.add(master)) || asked.size() >= options.maxReleases()) {
                // another pressing of a release already read, or enough read: Discogs's 60 a minute are for other tracks
                continue;
            }
            requireBudgetLeft(last);
            long releaseId = JsonFields.integer(hit, "id").orElseThrow();
            asked.add(releaseId);
            HttpAnswer[] own = new HttpAnswer[1];
            DiscogsReleases.Read read = releases.read(releaseId, () -> {
                own[0] = call(calls, "/releases/" + releaseId, Map.of());
                return calls.json(own[0], RELEASE);
            });
            // a read shared with another track: that track's answer carries the rate-limit headers, and hints them
            if (read.own()) {
                last = own[0];
            }
            if (read.release().isEmpty()) {
                continue; // listed by the search, gone since
            }
            if (read.own()) {
                releases.remember(new DiscogsReleases.Known(artist, hit, releaseId));
            }
            JsonNode release = read.release().get();
            MatchDecision<JsonNode> decision = decide(request, tracklist(release));
            if (decision instanceof MatchDecision.Undecided<JsonNode> close && undecided == null) {
                // kept for a person unless a later release decides by itself
                undecided = close;
                undecidedRelease = releaseId;
            }
            Optional<Match<JsonNode>> track = decision.taken();
            if (track.isPresent()) {
                return withBudget(last, found(hit, release, track.get()));
            }
        }
        if (undecided != null) {
            long releaseId = undecidedRelease;
            return withBudget(last, needsReview(undecided, t -> candidateId(releaseId, t)));
        }
        return withBudget(last, notFound("no release by this artist has a track matching the title (read " + asked + ")"));
    }

    /** The hit as a track: a release titled after the catalogue's track, by its artist, in its version. */
    private Optional<Match<JsonNode>> namedAfterTheTrack(SourceRequest request, JsonNode hit) {
        String title = JsonFields.text(hit, "title").orElse("");
        int dash = title.indexOf(" - ");
        if (dash < 0 || isCompilation(hit)) {
            return Optional.empty();
        }
        return bestIgnoringDuration(request, List.of(new Candidate<>(hit, List.of(artistOf(title)), title.substring(dash + 3), null)));
    }

    @Override
    public Optional<String> idField() {
        return Optional.of("discogs_release_id");
    }

    /**
     * A review candidate's id: the release and the track's position on it ({@code 249504#A2}), since
     * two tracks of one release may both be candidates; the release alone when the track has no position.
     */
    static String candidateId(long releaseId, JsonNode track) {
        return JsonFields.text(track, "position").map(p -> releaseId + "#" + p).orElse(String.valueOf(releaseId));
    }

    /**
     * The release by id ({@code 249504}, or {@code 249504#A2} naming the track's position on it):
     * the release's fields, and the track's position (the named one, else the tracklist entry that
     * matches the catalogue's title, if any). Not a release id, no such release, or no such position: not_found.
     */
    @Override
    protected Optional<SourceResult> findById(String id, SourceRequest request, Calls calls) {
        Matcher m = CANDIDATE_ID.matcher(id.trim());
        if (!m.matches()) {
            return Optional.of(notFound("not a Discogs release id: " + id));
        }
        long releaseId = Long.parseLong(m.group(1));
        HttpAnswer release = call(calls, "/releases/" + releaseId, Map.of());
        Optional<JsonNode> body = calls.json(release, RELEASE);
        if (body.isEmpty()) {
            return Optional.of(withBudget(release, notFound("Discogs has no release " + releaseId)));
        }
        Map<String, Object> fields = releaseFields(body.get());
        List<Candidate<JsonNode>> tracks = tracklist(body.get());
        Optional<String> position = m.group(2) != null
                ? tracks.stream().map(Candidate::item).flatMap(t -> JsonFields.text(t, "position").stream())
                        .filter(p -> p.equals(m.group(2))).findFirst()
                : best(request, tracks).flatMap(t -> JsonFields.text(t.item(), "position"));
        if (m.group(2) != null && position.isEmpty()) {
            return Optional.of(withBudget(release, notFound("release " + releaseId + " has no track at position " + m.group(2))));
        }
        position.ifPresent(p -> fields.put("discogs_track_position", p));
        return Optional.of(withBudget(release, found(fields, 1.0)));
    }

    /**
     * The track on a release of its artist read lately for another track (an album's later tracks):
     * found with no request when the tracklist holds it under the same title (normalised: a near
     * title such as "Part 2" for "Part 1" is left to the search, which would not have listed this
     * release), then by the same match as after a search. Only releases that are not compilations,
     * as a search would prefer.
     */
    private Optional<SourceResult> onReleaseReadLately(SourceRequest request, String artist, Calls calls) {
        String title = TextNormalizer.normalize(request.title());
        for (DiscogsReleases.Known k : releases.recentOf(artist)) {
            if (isCompilation(k.hit())) {
                continue;
            }
            // the body as the response cache keeps it (none kept, or expired: nothing to find it on without a request)
            Optional<JsonNode> release = calls.cached(uri("/releases/" + k.releaseId(), Map.of())).flatMap(a -> calls.json(a, RELEASE));
            if (release.isEmpty()) {
                continue;
            }
            List<Candidate<JsonNode>> sameTitle = tracklist(release.get()).stream()
                    .filter(c -> TextNormalizer.normalize(c.title()).equals(title)).toList();
            Optional<Match<JsonNode>> track = sameTitle.isEmpty() ? Optional.empty() : best(request, sameTitle);
            if (track.isPresent()) {
                return Optional.of(found(k.hit(), release.get(), track.get()));
            }
        }
        return Optional.empty();
    }

    private SourceResult found(JsonNode hit, JsonNode release, Match<JsonNode> track) {
        Map<String, Object> fields = searchFields(hit);
        fields.putAll(releaseFields(release));
        JsonFields.text(track.item(), "position").ifPresent(p -> fields.put("discogs_track_position", p));
        return found(fields, track.confidence());
    }

    /** An artist as the lookups of one artist are told apart: its main artist, case aside. */
    static String artistKey(String artist) {
        return TrackMatcher.searchableArtist(artist).toLowerCase(Locale.ROOT);
    }

    private HttpAnswer call(Calls calls, String path, Map<String, String> query) {
        return calls.get(uri(path, query), Map.of("Authorization", "Discogs token=" + credentials().token()));
    }

    /** When the API's answer says its window is used up: the source waits the window out (so we never provoke its 429). */
    private static Optional<Hint> budgetUsedUp(HttpAnswer answer) {
        if (answer.fromCache()) {
            return Optional.empty();
        }
        return remaining(answer).filter(r -> r <= 0).map(r -> {
            log.warn("Discogs rate limit used up (X-Discogs-Ratelimit-Remaining: {}); holding Discogs back for {} s", r,
                    RATE_LIMIT_WINDOW.toSeconds());
            return Hint.pauseFor(RATE_LIMIT_WINDOW, "X-Discogs-Ratelimit-Remaining: " + r);
        });
    }

    private static SourceResult withBudget(HttpAnswer last, SourceResult result) {
        return budgetUsedUp(last).map(result::with).orElse(result);
    }

    /** The search used the window's last request: the release lookup waits for the next window (rate_limited now). */
    private static void requireBudgetLeft(HttpAnswer answer) {
        budgetUsedUp(answer).ifPresent(pause -> {
            throw new SourceRateLimitedException("Discogs rate limit used up before the release lookup", null, List.of(pause));
        });
    }

    /** {@code X-Discogs-Ratelimit-Remaining}, when the answer carries a readable one. */
    static Optional<Long> remaining(HttpAnswer answer) {
        return answer.headers().firstValue("X-Discogs-Ratelimit-Remaining").flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The search hits to look at, in order: releases whose credit names the catalogue's artist
     * anywhere ("Trash80 &amp; Dma-Sc" for a track by Dma-Sc; the tracklist then says whose each
     * track is); those crediting the artist as a whole or first name before those naming it only
     * inside a joint credit, then not compilations, then the earliest year (the original release),
     * then Discogs's order.
     */
    static List<JsonNode> plausible(String artist, List<JsonNode> results) {
        record Option(JsonNode hit, boolean credited, boolean compilation, long year, int order) {
        }
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            if (JsonFields.integer(r, "id").isEmpty() || !JsonFields.text(r, "type").orElse("release").equals("release")) {
                continue;
            }
            String credit = artistOf(JsonFields.text(r, "title").orElse(""));
            if (!TrackMatcher.creditNames(artist, credit)) {
                continue;
            }
            boolean credited = TrackMatcher.artistSimilarity(artist, List.of(credit)) >= TrackMatcher.minArtistSimilarity();
            long year = JsonFields.integer(r, "year").filter(y -> y > 0).orElse(Long.MAX_VALUE);
            options.add(new Option(r, credited, isCompilation(r), year, i));
        }
        return options.stream()
                .sorted(Comparator.comparing((Option o) -> !o.credited)
                        .thenComparing(o -> o.compilation)
                        .thenComparingLong(o -> o.year)
                        .thenComparingInt(o -> o.order))
                .map(Option::hit)
                .toList();
    }

    /** The first hit {@link #plausible} would look at. */
    static Optional<JsonNode> choose(String artist, List<JsonNode> results) {
        return plausible(artist, results).stream().findFirst();
    }

    private static boolean isCompilation(JsonNode hit) {
        return JsonFields.texts(hit, "format", null).stream().anyMatch(f -> f.equalsIgnoreCase("Compilation"));
    }

    /** "Artist - Release" → "Artist", without Discogs's "(2)" disambiguation or "*" name-variation mark. */
    static String artistOf(String title) {
        int dash = title.indexOf(" - ");
        String artist = dash < 0 ? title : title.substring(0, dash);
        return artistName(artist.replaceAll("\\*$", ""));
    }

    /** "Persuader, The" → "The Persuader"; "Trash80 (2)" → "Trash80". */
    static String artistName(String name) {
        String n = DISAMBIGUATION.matcher(name.trim()).replaceFirst("");
        Matcher the = SORT_FORM_THE.matcher(n);
        return the.matches() ? "The " + the.group(1) : n;
    }

    /** The tracks of a release as match candidates (track artists when the release names them, else the release's). */
    static List<Candidate<JsonNode>> tracklist(JsonNode release) {
        List<String> releaseArtists = artists(release);
        List<Candidate<JsonNode>> out = new ArrayList<>();
        for (JsonNode t : JsonFields.array(release, "tracklist")) {
            List<JsonNode> entries = new ArrayList<>(List.of(t));
            entries.addAll(JsonFields.array(t, "sub_tracks"));
            for (JsonNode e : entries) {
                if (JsonFields.text(e, "type_").map(type -> !type.equals("track")).orElse(false)) {
                    continue; // headings and index tracks are not tracks
                }
                Optional<String> title = JsonFields.text(e, "title");
                if (title.isEmpty()) {
                    continue;
                }
                List<String> trackArtists = artists(e);
                out.add(new Candidate<>(e, trackArtists.isEmpty() ? releaseArtists : trackArtists, title.get(),
                        duration(JsonFields.text(e, "duration").orElse("")).orElse(null)));
            }
        }
        return out;
    }

    private static List<String> artists(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (JsonNode a : JsonFields.array(node, "artists")) {
            JsonFields.text(a, "name").map(DiscogsClient::artistName).ifPresent(names::add);
            // the name as credited on this release ("SPB Ska-Jazz Review") also names the artist
            JsonFields.text(a, "anv").map(DiscogsClient::artistName).ifPresent(names::add);
        }
        return names;
    }

    /** "4:45" → 285000 ms, "1:02:03" → 3723000 ms; "" or anything else → empty. */
    static Optional<Integer> duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int hours = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        return Optional.of(((hours * 60 + Integer.parseInt(m.group(2))) * 60 + Integer.parseInt(m.group(3))) * 1000);
    }

    /** The fields of one search result; label may be an array or (in old answers) a plain string, year a string. */
    static Map<String, Object> searchFields(JsonNode r) {
        Map<String, Object> f = new LinkedHashMap<>();
        JsonFields.integer(r, "id").ifPresent(v -> f.put("discogs_release_id", v));
        JsonFields.integer(r, "master_id").filter(v -> v > 0).ifPresent(v -> f.put("discogs_master_id", v));
        String title = JsonFields.text(r, "title").orElse("");
        int dash = title.indexOf(" - ");
        if (dash >= 0) {
            f.put("discogs_release_title", title.substring(dash + 3));
        }
        JsonFields.texts(r, "label", null).stream().filter(DiscogsClient::isLabel).findFirst().ifPresent(v -> f.put("label", v));
        JsonFields.integer(r, "year").filter(y -> y > 0).ifPresent(v -> f.put("year", v));
        JsonFields.text(r, "country").ifPresent(v -> f.put("country", v));
        List<String> genres = JsonFields.texts(r, "genre", null);
        if (!genres.isEmpty()) {
            f.put("genres", genres);
        }
        List<String> styles = JsonFields.texts(r, "style", null);
        if (!styles.isEmpty()) {
            f.put("styles", styles);
        }
        JsonFields.text(r, "catno").filter(c -> !c.equalsIgnoreCase("none")).ifPresent(v -> f.put("catalog_number", v));
        JsonFields.text(r, "cover_image").ifPresent(v -> f.put("discogs_cover_image", v));
        return f;
    }

    /** "Not On Label (Trash80 Self-released)" is how Discogs says there is no label. */
    static boolean isLabel(String name) {
        return !name.regionMatches(true, 0, "Not On Label", 0, "Not On Label".length());
    }

    /** The fields of a release ({@code GET /releases/{id}}). */
    static Map<String, Object> releaseFields(JsonNode r) {
        Map<String, Object> f = new LinkedHashMap<>();
        JsonFields.integer(r, "id").ifPresent(v -> f.put("discogs_release_id", v));
        JsonFields.integer(r, "master_id").filter(v -> v > 0).ifPresent(v -> f.put("discogs_master_id", v));
        JsonFields.text(r, "title").ifPresent(v -> f.put("discogs_release_title", v));
        List<JsonNode> labels = JsonFields.array(r, "labels");
        if (!labels.isEmpty()) {
            JsonFields.text(labels.get(0), "name").map(DiscogsClient::artistName).filter(DiscogsClient::isLabel)
                    .ifPresent(v -> f.put("label", v));
            JsonFields.text(labels.get(0), "catno").filter(c -> !c.equalsIgnoreCase("none")).ifPresent(v -> f.put("catalog_number", v));
        }
        JsonFields.integer(r, "year").filter(y -> y > 0).ifPresent(v -> f.put("year", v));
        // "1999-03-00": Discogs writes an unknown day (or month) as 00
        JsonFields.text(r, "released").map(d -> d.replaceAll("(-00)+$", "")).filter(d -> !d.isBlank() && !d.equals("0"))
                .ifPresent(v -> f.put("discogs_released", v));
        JsonFields.text(r, "country").ifPresent(v -> f.put("country", v));
        List<String> genres = JsonFields.texts(r, "genres", null);
        if (!genres.isEmpty()) {
            f.put("genres", genres);
        }
        List<String> styles = JsonFields.texts(r, "styles", null);
        if (!styles.isEmpty()) {
            f.put("styles", styles);
        }
        return f;
    }
}
