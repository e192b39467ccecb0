package dev.trackenricher.source.musicbrainz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.json.JsonFields;
import dev.trackenricher.match.Candidate;
import dev.trackenricher.match.Match;
import dev.trackenricher.match.MatchDecision;
import dev.trackenricher.match.TitleVersion;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.music.Isrc;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.client.HttpSourceClient;
import dev.trackenricher.source.client.HttpSources;
import dev.trackenricher.source.http.StatusMapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * MusicBrainz WS/2: the recordings of a known ISRC, else a Lucene recording search whose hits are
 * matched. No key; a descriptive User-Agent and 1 request/s shared by every thread and instance
 * (each request takes a permit, so an ISRC lookup followed by a search is two).
 *
 * <p>Tracks with an ISRC are also asked in batches ({@link #lookupBatch}): one recording search
 * {@code isrc:A OR isrc:B OR …} for up to {@value #MAX_ISRCS_PER_SEARCH} of them, its hits mapped
 * back to the tracks by each recording's {@code isrcs}; a track the batch leaves unresolved is
 * searched on its own, as a track without an ISRC is.
 */
@Component
public class MusicBrainzClient extends HttpSourceClient {

    public static final String NAME = "musicbrainz";
    /** The API's bound on {@code limit}. */
    private static final int MAX_SEARCH_LIMIT = 100;
    /** An ISRC MusicBrainz does not know is a 404: no recording has it. */
    private static final StatusMapping ISRC_LOOKUP = StatusMapping.standard().missing(404);
    /** An MBID MusicBrainz does not know is a 404, one it cannot read a 400. */
    private static final StatusMapping RECORDING_LOOKUP = StatusMapping.standard().missing(404, 400);
    /** ISRCs in one search: what public clients use; a much longer query (about 500 terms) is refused with 414. */
    static final int MAX_ISRCS_PER_SEARCH = 25;
    /**
     * Pages of 100 hits read for one such search at most: 25 ISRCs rarely name more than a few dozen
     * recordings, so a larger count is not believed; the tracks left unresolved are searched on their own.
     */
    private static final int MAX_ISRC_SEARCH_PAGES = 4;

    public MusicBrainzClient(HttpSources sources) {
        super(NAME, sources);
    }

    @Override
    protected SourceResult lookup(SourceRequest request, Calls calls) {
        if (request.isrcIfKnown().isPresent()) {
            String isrc = request.isrcIfKnown().get();
            Optional<Match<JsonNode>> byIsrc = byIsrc(isrc, request, calls);
            if (byIsrc.isPresent()) {
                Map<String, Object> fields = fields(byIsrc.get().item());
                // the lookup's recordings carry no isrcs unless asked; the one looked up is theirs
                fields.putIfAbsent("isrc", isrc);
                return found(fields, byIsrc.get().confidence());
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", LuceneQuery.recording(TrackMatcher.searchableArtist(request.artistName()), TitleVersion.searchable(request.title())));
        params.put("fmt", "json");
        params.put("limit", String.valueOf(searchLimit(MAX_SEARCH_LIMIT)));
        JsonNode answer = calls.get(uri("/recording", params)).requireOk().json(json());
        MatchDecision<JsonNode> decision = decide(request, candidates(recordings(answer)));
        if (decision instanceof MatchDecision.Undecided<JsonNode> undecided) {
            return needsReview(undecided, r -> r.path("id").asText());
        }
        return decision.taken().map(m -> found(fields(m.item()), m.confidence())).orElseGet(() -> notFound("no recording matched"));
    }

    @Override
    public Optional<String> idField() {
        return Optional.of("musicbrainz_id");
    }

    /** The recording by its MBID ({@code /recording/{mbid}} with its artists, releases and ISRCs); 404 or 400 (not an MBID): not_found. */
    @Override
    protected Optional<SourceResult> findById(String id, SourceRequest request, Calls calls) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("inc", "artist-credits+releases+isrcs");
        params.put("fmt", "json");
        Optional<JsonNode> recording = calls.json(uri("/recording/" + segment(id), params), Map.of(), RECORDING_LOOKUP)
                .filter(r -> r.hasNonNull("id"));
        return Optional.of(recording.map(r -> found(fields(r), 1.0)).orElseGet(() -> notFound("MusicBrainz has no recording " + id)));
    }

    /**
     * The ISRC's recording of the catalogue's version (title markers, disambiguation, video flag;
     * the duration when both know it): none fitting means a text search decides. Empty on 404.
     */
    private Optional<Match<JsonNode>> byIsrc(String isrc, SourceRequest request, Calls calls) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fmt", "json");
        params.put("inc", "artist-credits+releases");
        Optional<JsonNode> answer = calls.json(uri("/isrc/" + segment(isrc), params), Map.of(), ISRC_LOOKUP);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        return ofIsrc(recordings(answer.get()), request);
    }

    /**
     * Which of the recordings MusicBrainz has for a track's ISRC (from the ISRC lookup, or the hits
     * of a batch search that carry it) is the track: the only one, or the one the matcher takes.
     */
    private Optional<Match<JsonNode>> ofIsrc(List<JsonNode> recordings, SourceRequest request) {
        // the ISRC names the recording: of several (or one), the one of the catalogue's version (a video, a live take are not)
        return decideByIdentifier(request, candidates(recordings)).taken();
    }

    // ------------------------------------------------------------------ batches

    @Override
    public int maxBatch() {
        return MAX_ISRCS_PER_SEARCH;
    }

    /**
     * Only a track with a well-formed ISRC is answered better in a batch; any other is searched on its
     * own at once, and one whose recording a person set is looked up by that id.
     */
    @Override
    public boolean joinsBatch(SourceRequest request) {
        return idField().flatMap(request::curatedId).isEmpty() && request.isrcIfKnown().flatMap(Isrc::parse).isPresent();
    }

    /**
     * One search for the batch's ISRCs ({@code isrc:A OR isrc:B …}, {@code limit=100}, paged while
     * {@code count} says there are more), each hit given to the tracks whose ISRC it carries; the
     * track's recording is chosen as for the ISRC lookup. A track it does not resolve (its ISRC on no
     * recording, or on several none of which fits) and a track without an ISRC are searched on their
     * own, each failing alone. The ISRC search failing fails every track of the batch.
     */
    @Override
    protected Map<UUID, SourceResult> lookupBatch(List<SourceRequest> requests, Calls calls) {
        Map<String, List<SourceRequest>> byIsrc = new TreeMap<>();
        List<SourceRequest> alone = new ArrayList<>();
        for (SourceRequest r : requests) {
            Optional<String> isrc = r.isrcIfKnown().flatMap(Isrc::parse);
            if (isrc.isPresent()) {
                byIsrc.computeIfAbsent(isrc.get(), k -> new ArrayList<>()).add(r);
            } else {
                alone.add(r);
            }
        }
        Map<UUID, SourceResult> out = new LinkedHashMap<>();
        if (!byIsrc.isEmpty()) {
            Map<String, List<JsonNode>> hits = isrcSearch(byIsrc.keySet(), calls);
            byIsrc.forEach((isrc, tracks) -> tracks.forEach(r -> {
                Optional<Match<JsonNode>> match = ofIsrc(hits.getOrDefault(isrc, List.of()), r);
                if (match.isPresent()) {
                    Map<String, Object> fields = fields(match.get().item());
                    // the recording may carry several ISRCs: the track's is the one it was found by
                    fields.put("isrc", isrc);
                    out.put(r.trackId(), found(fields, match.get().confidence()));
                } else {
                    alone.add(r);
                }
            }));
        }
        for (SourceRequest r : alone) {
            SourceResult result;
            try {
                // the text search, exactly as for a track without an ISRC
                result = lookup(withoutIsrc(r), calls);
            } catch (RuntimeException e) {
                result = SourceResult.failed(NAME, e);
            }
            out.put(r.trackId(), result);
        }
        return out;
    }

    /** The hits of one search for these ISRCs, by ISRC (a recording carrying two of them is under both). */
    private Map<String, List<JsonNode>> isrcSearch(java.util.Set<String> isrcs, Calls calls) {
        Map<String, List<JsonNode>> byIsrc = new LinkedHashMap<>();
        String query = String.join(" OR ", isrcs.stream().map(i -> "isrc:" + i).toList());
        int offset = 0;
        for (int page = 0; page < MAX_ISRC_SEARCH_PAGES; page++) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("query", query);
            params.put("fmt", "json");
            params.put("limit", String.valueOf(MAX_SEARCH_LIMIT));
            if (offset > 0) {
                params.put("offset", String.valueOf(offset));
            }
            JsonNode answer = calls.get(uri("/recording", params)).requireOk().json(json());
            List<JsonNode> hits = recordings(answer);
            for (JsonNode hit : hits) {
                JsonFields.texts(hit, "isrcs", null).stream().map(Isrc::parse).flatMap(Optional::stream).distinct()
                        .filter(isrcs::contains).forEach(isrc -> byIsrc.computeIfAbsent(isrc, k -> new ArrayList<>()).add(hit));
            }
            offset += JsonFields.array(answer, "recordings").size();
            long count = JsonFields.integer(answer, "count").orElse(0L);
            if (hits.isEmpty() || offset >= count) {
                break;
            }
        }
        return byIsrc;
    }

    private static SourceRequest withoutIsrc(SourceRequest r) {
        return new SourceRequest(r.trackId(), r.artistName(), r.title(), null, r.spotifyId(), r.durationMs(), r.musicbrainzRecordingId(),
                r.correlationId(), r.featuresOff());
    }

    /** The recordings of a search or ISRC answer, best search score first (MusicBrainz's own order otherwise). */
    static List<JsonNode> recordings(JsonNode answer) {
        List<JsonNode> out = new ArrayList<>(JsonFields.array(answer, "recordings").stream().filter(r -> r.hasNonNull("id")).toList());
        out.sort(Comparator.comparingLong((JsonNode r) -> searchScore(r).orElse(0L)).reversed());
        return out;
    }

    /** A search hit's score, 0–100: an integer, or a string ("100") from older servers. */
    static Optional<Long> searchScore(JsonNode recording) {
        return JsonFields.integer(recording, "score");
    }

    /**
     * The recordings as the matcher reads them: the credited names; the artists' own names and
     * sort-names ("Amuro, Namie" for 安室奈美恵) as other names of the same artists; the
     * disambiguation and {@code video: true} as what the recording is besides its title (MusicBrainz
     * writes a live take's or a video's title plain and says "live, 2001-05-27: …" there).
     */
    static List<Candidate<JsonNode>> candidates(List<JsonNode> recordings) {
        List<Candidate<JsonNode>> out = new ArrayList<>();
        for (JsonNode r : recordings) {
            List<String> otherNames = new ArrayList<>();
            for (JsonNode credit : JsonFields.array(r, "artist-credit")) {
                JsonFields.text(credit.path("artist"), "name").ifPresent(otherNames::add);
                JsonFields.text(credit.path("artist"), "sort-name").ifPresent(otherNames::add);
            }
            List<String> notes = new ArrayList<>();
            JsonFields.text(r, "disambiguation").ifPresent(notes::add);
            if (JsonFields.bool(r, "video").orElse(false)) {
                notes.add(Candidate.VIDEO);
            }
            out.add(new Candidate<>(r, creditNames(r), JsonFields.text(r, "title").orElse(""),
                    JsonFields.integer(r, "length").filter(l -> l > 0).map(Long::intValue).orElse(null), otherNames, notes));
        }
        return out;
    }

    /** The credited names, in order (the credit's own name, which may differ from the artist's). */
    static List<String> creditNames(JsonNode recording) {
        List<String> names = new ArrayList<>();
        for (JsonNode credit : JsonFields.array(recording, "artist-credit")) {
            JsonFields.text(credit, "name").or(() -> JsonFields.text(credit.path("artist"), "name")).ifPresent(names::add);
        }
        return names;
    }

    /** The fields of one recording (search hit, ISRC lookup or recording lookup). */
    static Map<String, Object> fields(JsonNode r) {
        Map<String, Object> f = new LinkedHashMap<>();
        JsonFields.text(r, "id").ifPresent(v -> f.put("musicbrainz_id", v));
        JsonFields.text(r, "title").ifPresent(v -> f.put("title", v));
        List<String> artistIds = new ArrayList<>();
        StringBuilder credit = new StringBuilder();
        for (JsonNode c : JsonFields.array(r, "artist-credit")) {
            // the artist's MBID is on the nested artist, not on the credit
            JsonFields.text(c.path("artist"), "id").ifPresent(artistIds::add);
            credit.append(JsonFields.text(c, "name").or(() -> JsonFields.text(c.path("artist"), "name")).orElse(""));
            credit.append(c.path("joinphrase").isTextual() ? c.path("joinphrase").asText() : "");
        }
        if (!artistIds.isEmpty()) {
            f.put("musicbrainz_artist_ids", artistIds);
        }
        if (!credit.isEmpty()) {
            f.put("artist_credit", credit.toString());
        }
        // valid ones only, and not a twin typed with O for 0 (the merge prefers the one another source agrees with)
        List<String> isrcs = Isrc.preferred(JsonFields.texts(r, "isrcs", null));
        if (!isrcs.isEmpty()) {
            f.put("isrcs", isrcs);
            f.put("isrc", isrcs.get(0));
        }
        JsonFields.integer(r, "length").filter(v -> v > 0).ifPresent(v -> f.put("duration_ms", v));
        JsonFields.text(r, "disambiguation").ifPresent(v -> f.put("disambiguation", v));
        List<Map<String, Object>> releases = new ArrayList<>();
        for (JsonNode rel : JsonFields.array(r, "releases")) {
            Map<String, Object> release = new LinkedHashMap<>();
            JsonFields.text(rel, "id").ifPresent(v -> release.put("id", v));
            JsonFields.text(rel, "title").ifPresent(v -> release.put("title", v));
            JsonFields.text(rel, "date").ifPresent(v -> release.put("date", v));
            JsonFields.text(rel, "country").ifPresent(v -> release.put("country", v));
            JsonFields.text(rel, "status").ifPresent(v -> release.put("status", v));
            JsonFields.text(rel.path("release-group"), "primary-type").ifPresent(v -> release.put("type", v));
            if (!release.isEmpty()) {
                releases.add(release);
            }
        }
        if (!releases.isEmpty()) {
            f.put("releases", releases);
        }
        // search hits carry no first-release-date: the earliest release date stands in for it
        Optional<String> firstRelease = JsonFields.text(r, "first-release-date").or(() -> releases.stream()
                .map(rel -> (String) rel.get("date")).filter(d -> d != null && !d.isBlank()).min(String::compareTo));
        firstRelease.ifPresent(v -> f.put("first_release_date", v));
        return f;
    }
}
