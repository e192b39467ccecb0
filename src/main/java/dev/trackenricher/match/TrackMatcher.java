package dev.trackenricher.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Chooses the search hit that is the catalogue's track, or none. A candidate must be the same
 * version (a remix, live take or cover never stands in for the plain track), close in title and
 * artist, and close in duration when both sides know it; the best must clear the threshold and beat
 * the best <em>different</em> candidate by the margin. Prefer no data to wrong data: BPM and key go
 * to DJs.
 *
 * <p>Similarity is Levenshtein distance relative to the longer text (Apache Commons Text), not
 * Jaro-Winkler: Jaro-Winkler rewards a shared prefix, so "Crazy" would pass for "Crazy in Love" and
 * "Beatles" for "Beatles Tribute Band".
 */
public class TrackMatcher {

    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();
    /** What follows the main artist in a credit: "A feat. B", "A ft. B", "A with B", "A x B", "A vs. B". */
    private static final Pattern FEATURING = Pattern.compile("\\s+(feat\\.?|ft\\.?|featuring|with|x|vs\\.?)\\s+.*$",
            Pattern.CASE_INSENSITIVE);
    /** A credit naming a group of artists: "Prince & The Revolution", "Macklemore and Ryan Lewis", "A, B". */
    private static final Pattern CREDIT_SEPARATOR = Pattern.compile("\\s*(,|&|\\+|\\band\\b|\\bfeat\\.?|\\bft\\.?|\\bfeaturing\\b"
            + "|\\bwith\\b|\\bx\\b|\\bvs\\.?)\\s*", Pattern.CASE_INSENSITIVE);
    private static final double SAME_RECORDING_MARKER_PENALTY = 0.02;
    /** Full penalty for a duration at the edge of the tolerance; proportionally less when closer. */
    private static final double DURATION_PENALTY = 0.05;
    private static final double MIN_TITLE_SIMILARITY = 0.85;
    private static final double MIN_ARTIST_SIMILARITY = 0.75;

    private final MatchSettings settings;

    public TrackMatcher(MatchSettings settings) {
        this.settings = settings;
    }

    public MatchSettings settings() {
        return settings;
    }

    /** The hit that is the catalogue's track, or none (see {@link #decide}). */
    public <T> Optional<Match<T>> best(MatchQuery query, List<Candidate<T>> candidates) {
        return decide(query, candidates).taken();
    }

    /**
     * Which hit is the catalogue's track: the best must clear the threshold and beat the best hit of
     * a <em>different</em> recording by the margin. When it does not, but it scores at least
     * {@code review-floor}, the decision is {@link MatchDecision.Undecided undecided}, with the
     * closest hits for a person to choose from.
     */
    public <T> MatchDecision<T> decide(MatchQuery query, List<Candidate<T>> candidates) {
        TitleVersion wanted = TitleVersion.parse(query.title());
        List<String> wantedArtists = queryArtistForms(query.artist());
        List<Scored<T>> scored = new ArrayList<>();
        for (Candidate<T> c : candidates) {
            score(wanted, wantedArtists, query, c).ifPresent(scored::add);
        }
        if (scored.isEmpty()) {
            return new MatchDecision.NoMatch<>(candidates.isEmpty() ? "no hits" : "no hit is this version of this track");
        }
        // stable: among equal scores the source's own order (its relevance) decides
        scored.sort(Comparator.comparingDouble((Scored<T> s) -> s.score).reversed());
        Scored<T> top = scored.get(0);
        if (top.score < settings.threshold()) {
            return top.score >= settings.reviewFloor()
                    ? undecided(scored, "best hit scores %.3f, below the threshold of %.2f".formatted(top.score, settings.threshold()))
                    : new MatchDecision.NoMatch<>("best hit scores %.3f, below the threshold of %.2f".formatted(top.score, settings.threshold()));
        }
        for (Scored<T> other : scored.subList(1, scored.size())) {
            if (!other.identity.equals(top.identity)) {
                if (top.score - other.score < settings.margin()) {
                    return undecided(scored, "two recordings score alike (%.3f and %.3f, margin %.2f)".formatted(top.score, other.score,
                            settings.margin()));
                }
                break;
            }
        }
        return new MatchDecision.Taken<>(new Match<>(top.candidate.item(), Math.round(top.score * 1000) / 1000.0));
    }

    /** At most this many hits go to a person with an undecided search. */
    public static final int MAX_UNDECIDED = 5;

    private static <T> MatchDecision<T> undecided(List<Scored<T>> scored, String why) {
        return new MatchDecision.Undecided<>(scored.stream().limit(MAX_UNDECIDED)
                .map(s -> new MatchDecision.Scored<>(s.candidate, Math.round(s.score * 1000) / 1000.0, TitleVersion.parse(s.candidate.title())))
                .toList(), why);
    }

    /** The score of one candidate, 0..1, or empty when it is certainly another recording. */
    public Optional<Double> score(MatchQuery query, Candidate<?> candidate) {
        return score(TitleVersion.parse(query.title()), queryArtistForms(query.artist()), query, candidate).map(Scored::score);
    }

    private <T> Optional<Scored<T>> score(TitleVersion wanted, List<String> wantedArtists, MatchQuery query, Candidate<T> c) {
        TitleVersion found = TitleVersion.parse(c.title());
        if (!wanted.differentRecording().equals(found.differentRecording())) {
            return Optional.empty();
        }
        double durationPenalty = 0;
        if (query.durationMs() != null && c.durationMs() != null && query.durationMs() > 0 && c.durationMs() > 0) {
            long diff = Math.abs((long) query.durationMs() - c.durationMs());
            long tolerance = settings.durationTolerance().toMillis();
            if (diff > tolerance) {
                return Optional.empty();
            }
            durationPenalty = tolerance == 0 ? 0 : DURATION_PENALTY * diff / tolerance;
        }
        double title = similarity(wanted.core(), found.core());
        double artist = artistSimilarity(wantedArtists, candidateArtistForms(c.artists(), found.featured()));
        if (title < MIN_TITLE_SIMILARITY || artist < MIN_ARTIST_SIMILARITY) {
            return Optional.empty();
        }
        double penalty = (Objects.equals(wanted.sameRecording(), found.sameRecording()) ? 0 : SAME_RECORDING_MARKER_PENALTY)
                + durationPenalty;
        double score = settings.titleWeight() * title + (1 - settings.titleWeight()) * artist - penalty;
        String identity = found.core() + "|" + found.differentRecording() + "|" + primary(c.artists());
        return Optional.of(new Scored<>(c, score, identity));
    }

    /** 1 − edit distance / longer length, on the normalized texts or, if better, on them without spaces. */
    static double similarity(String a, String b) {
        return Math.max(ratio(a, b), ratio(TextNormalizer.compact(a), TextNormalizer.compact(b)));
    }

    private static double ratio(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        if (longer == 0) {
            return a.equals(b) ? 1 : 0;
        }
        return 1.0 - (double) LEVENSHTEIN.apply(a, b) / longer;
    }

    private static double artistSimilarity(List<String> wanted, Set<String> offered) {
        double best = 0;
        for (String w : wanted) {
            for (String o : offered) {
                best = Math.max(best, similarity(w, o));
            }
        }
        return best;
    }

    /** The main artist of a credit, as a search term: "Daft Punk feat. Pharrell Williams" → "Daft Punk". */
    public static String searchableArtist(String artist) {
        String a = artist == null ? "" : artist.trim();
        String main = FEATURING.matcher(a).replaceFirst("").trim();
        return main.isEmpty() ? a : main;
    }

    /** How well a candidate's artists name the catalogue's artist, 0..1 (the artist half of {@link #best}). */
    public static double artistSimilarity(String queryArtist, List<String> candidateArtists) {
        return artistSimilarity(queryArtistForms(queryArtist), candidateArtistForms(candidateArtists, List.of()));
    }

    /** The lowest artist similarity a candidate may have. */
    public static double minArtistSimilarity() {
        return MIN_ARTIST_SIMILARITY;
    }

    /** The catalogue's artist as given, and its main artist without "feat. …". Not split at "&": "Simon & Garfunkel" is one act. */
    static List<String> queryArtistForms(String artist) {
        String a = artist == null ? "" : artist;
        Set<String> forms = new LinkedHashSet<>();
        forms.add(TextNormalizer.normalize(a));
        forms.add(TextNormalizer.normalize(FEATURING.matcher(a).replaceFirst("")));
        forms.remove("");
        return List.copyOf(forms);
    }

    /**
     * A candidate's artists in every reading that names the same act: each credited artist, the
     * first ones joined ("Macklemore and Ryan Lewis" of [Macklemore, Ryan Lewis, Wanz]), and the main
     * artist of a group credit ("Prince" of "Prince &amp; The Revolution"). Featured artists lifted out
     * of the title ("Song (feat. X)") count as credited.
     */
    static Set<String> candidateArtistForms(List<String> artists, List<String> featuredInTitle) {
        Set<String> forms = new LinkedHashSet<>();
        StringBuilder joinedAnd = new StringBuilder();
        StringBuilder joinedSpace = new StringBuilder();
        for (int i = 0; i < artists.size(); i++) {
            String a = artists.get(i);
            String n = TextNormalizer.normalize(a);
            forms.add(n);
            forms.add(TextNormalizer.normalize(CREDIT_SEPARATOR.split(a.trim(), 2)[0]));
            joinedAnd.append(i == 0 ? "" : " and ").append(n);
            joinedSpace.append(i == 0 ? "" : " ").append(n);
            forms.add(joinedAnd.toString());
            forms.add(joinedSpace.toString());
        }
        for (String f : featuredInTitle) {
            String n = TextNormalizer.normalize(f);
            forms.add(n);
            if (!artists.isEmpty()) {
                forms.add(TextNormalizer.normalize(artists.get(0)) + " and " + n);
            }
        }
        forms.remove("");
        return forms;
    }

    private static String primary(List<String> artists) {
        return artists.isEmpty() ? "" : TextNormalizer.normalize(artists.get(0));
    }

    record Scored<T>(Candidate<T> candidate, double score, String identity) {
    }
}
