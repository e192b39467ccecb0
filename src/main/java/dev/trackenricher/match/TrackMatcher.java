package dev.trackenricher.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
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
 * <p>The version is read from the title and from what the API says besides it (a disambiguation, a
 * video flag: {@link Candidate#versionNotes()}); the artist from every name of a joint credit
 * ({@link Credits}) and the artists' other names (sort-names, name variations:
 * {@link Candidate#otherNames()}). Hits that share an identifier with the track (an ISRC) go
 * through {@link #decideByIdentifier}: the same version rules, no name comparison.
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
    private static final double SAME_RECORDING_MARKER_PENALTY = 0.02;
    /** Full penalty for a duration at the edge of the tolerance; proportionally less when closer. */
    private static final double DURATION_PENALTY = 0.05;
    private static final double MIN_TITLE_SIMILARITY = 0.85;
    private static final double MIN_ARTIST_SIMILARITY = 0.75;
    /** How close one name of a joint credit must be to count as named ("Dylan Rhymes" in "Force Mass Motion vs Dylan Rhymes"). */
    private static final double MIN_NAME_SIMILARITY = 0.85;
    /** A hit crediting more acts than the catalogue names scores a little lower than one crediting exactly them. */
    private static final double PARTIAL_CREDIT_PENALTY = 0.05;

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
        Wanted artist = wanted(query.artist());
        List<Scored<T>> scored = new ArrayList<>();
        for (Candidate<T> c : candidates) {
            score(wanted, artist, query, c).ifPresent(scored::add);
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

    /**
     * Which of several hits that share an identifier with the track (the recordings of its ISRC) is
     * it. The identifier already says the names are this track's, so they are not compared (a
     * romanised catalogue entry still finds 結束バンド); the version rules and the duration are: one
     * ISRC answer can hold the album version and a "Radio Mix", a karaoke-labelled copy, a
     * compilation. Among the hits of the same version the one with the same same-recording markers
     * wins, then the closest duration, then the source's order. Confidence 1: the identifier decided.
     */
    public <T> MatchDecision<T> decideByIdentifier(MatchQuery query, List<Candidate<T>> hits) {
        TitleVersion wanted = TitleVersion.parse(query.title());
        Candidate<T> best = null;
        long bestRank = Long.MAX_VALUE;
        for (Candidate<T> c : hits) {
            TitleVersion found = TitleVersion.parse(c.title(), c.versionNotes());
            OptionalLong diff = durationDifference(query, c);
            if (!wanted.sameVersion(found) || (diff.isPresent() && diff.getAsLong() > settings.durationTolerance().toMillis())) {
                continue;
            }
            // same-recording markers first, then the duration (unknown counts as the tolerance's edge)
            long rank = (wanted.sameRecording().equals(found.sameRecording()) ? 0 : 1L << 40)
                    + diff.orElse(settings.durationTolerance().toMillis());
            if (rank < bestRank) {
                best = c;
                bestRank = rank;
            }
        }
        if (best == null) {
            return new MatchDecision.NoMatch<>(hits.isEmpty() ? "no hits" : "no hit of this identifier is this version of this track");
        }
        return new MatchDecision.Taken<>(new Match<>(best.item(), 1.0));
    }

    /** At most this many hits go to a person with an undecided search. */
    public static final int MAX_UNDECIDED = 5;

    private static <T> MatchDecision<T> undecided(List<Scored<T>> scored, String why) {
        return new MatchDecision.Undecided<>(scored.stream().limit(MAX_UNDECIDED)
                .map(s -> new MatchDecision.Scored<>(s.candidate, Math.round(s.score * 1000) / 1000.0,
                        TitleVersion.parse(s.candidate.title(), s.candidate.versionNotes())))
                .toList(), why);
    }

    /** The score of one candidate, 0..1, or empty when it is certainly another recording. */
    public Optional<Double> score(MatchQuery query, Candidate<?> candidate) {
        return score(TitleVersion.parse(query.title()), wanted(query.artist()), query, candidate).map(Scored::score);
    }

    private <T> Optional<Scored<T>> score(TitleVersion wanted, Wanted wantedArtist, MatchQuery query, Candidate<T> c) {
        TitleVersion found = TitleVersion.parse(c.title(), c.versionNotes());
        if (!wanted.sameVersion(found)) {
            return Optional.empty();
        }
        double durationPenalty = 0;
        OptionalLong diff = durationDifference(query, c);
        if (diff.isPresent()) {
            long tolerance = settings.durationTolerance().toMillis();
            if (diff.getAsLong() > tolerance) {
                return Optional.empty();
            }
            durationPenalty = tolerance == 0 ? 0 : DURATION_PENALTY * diff.getAsLong() / tolerance;
        }
        if (!numbers(wanted.core()).equals(numbers(found.core()))) {
            // "Untitled 8" is not "Untitled", "Vol. 2" not "Vol. 3": one digit apart is close in spelling, far in meaning
            return Optional.empty();
        }
        double title = similarity(wanted.core(), found.core());
        double artist = artistScore(wantedArtist, offered(c, found.featured()));
        if (title < MIN_TITLE_SIMILARITY || artist < MIN_ARTIST_SIMILARITY) {
            return Optional.empty();
        }
        double penalty = (Objects.equals(wanted.sameRecording(), found.sameRecording()) ? 0 : SAME_RECORDING_MARKER_PENALTY)
                + durationPenalty;
        double score = settings.titleWeight() * title + (1 - settings.titleWeight()) * artist - penalty;
        String identity = found.core() + "|" + found.differentRecording() + "|" + primary(c.artists());
        return Optional.of(new Scored<>(c, score, identity));
    }

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** The numbers a normalized title holds, as written (leading zeros aside). */
    static List<Long> numbers(String normalized) {
        List<Long> out = new ArrayList<>();
        java.util.regex.Matcher m = DIGITS.matcher(normalized);
        while (m.find()) {
            out.add(m.group().length() > 18 ? Long.MAX_VALUE : Long.parseLong(m.group()));
        }
        return out;
    }

    /** How far apart the durations are, when both sides know one. */
    private static OptionalLong durationDifference(MatchQuery query, Candidate<?> c) {
        if (query.durationMs() != null && c.durationMs() != null && query.durationMs() > 0 && c.durationMs() > 0) {
            return OptionalLong.of(Math.abs((long) query.durationMs() - c.durationMs()));
        }
        return OptionalLong.empty();
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

    /** What the catalogue's artist says: the credit as given, without its guests, and its main names. */
    private record Wanted(List<String> forms, List<String> mainNames) {
    }

    /** What a hit offers: every form that names its credited act, the names that may stand alone, and which must come together. */
    private record Offered(Set<String> forms, Set<String> names, List<List<String>> groups) {
    }

    private static Wanted wanted(String artist) {
        String a = artist == null ? "" : artist;
        Set<String> forms = new LinkedHashSet<>();
        forms.add(TextNormalizer.normalize(a));
        forms.add(TextNormalizer.normalize(Credits.withoutGuests(a)));
        forms.remove("");
        List<String> main = Credits.parse(a).main().stream().map(TextNormalizer::normalize).filter(n -> !n.isEmpty()).toList();
        return new Wanted(List.copyOf(forms), main);
    }

    /**
     * The artist half of the score, 0..1: the best of (a) the catalogue's credit against each form of
     * the hit's credit, and (b) each of the catalogue's main names found among the hit's names, less
     * {@value #PARTIAL_CREDIT_PENALTY} when the hit credits more acts than the catalogue names. A name
     * inside one credited string ("Christian Smith &amp; John Selway") stands alone only as the string's
     * first name or when the catalogue names all of them: "Kosmonova" is not "Kosmonova vs. Fiocco",
     * nor "Crosby, Stills &amp; Nash" "Crosby, Stills, Nash &amp; Young".
     */
    private static double artistScore(Wanted wanted, Offered offered) {
        double whole = 0;
        for (String w : wanted.forms) {
            for (String o : offered.forms) {
                whole = Math.max(whole, similarity(w, o));
            }
        }
        if (wanted.mainNames.isEmpty()) {
            return whole;
        }
        Set<String> names = new LinkedHashSet<>(offered.names);
        for (List<String> group : offered.groups) {
            if (group.stream().allMatch(g -> best(g, wanted.mainNames) >= MIN_NAME_SIMILARITY)) {
                names.addAll(group);
            }
        }
        double parts = 1;
        for (String w : wanted.mainNames) {
            parts = Math.min(parts, best(w, names));
        }
        boolean moreActs = offered.groups.size() > 1 && offered.groups.stream()
                .anyMatch(g -> g.stream().allMatch(n -> best(n, wanted.mainNames) < MIN_NAME_SIMILARITY));
        return Math.max(whole, moreActs ? parts - PARTIAL_CREDIT_PENALTY : parts);
    }

    private static double best(String name, java.util.Collection<String> among) {
        double best = 0;
        for (String o : among) {
            best = Math.max(best, similarity(name, o));
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
        return artistScore(wanted(queryArtist), offered(new Candidate<>(null, candidateArtists, "", null), List.of()));
    }

    /**
     * Whether a joint credit ("Trash80 &amp; Dma-Sc", "Nerio's Dubwork Meets Kathy Lee") names the
     * catalogue's artist among its names, in any place: for choosing which of a search's releases to
     * look at, whose tracklist then credits each track (the matcher decides there).
     */
    public static boolean creditNames(String queryArtist, String credit) {
        Wanted wanted = wanted(queryArtist);
        Credits.Parsed parsed = Credits.parse(credit);
        List<String> names = new ArrayList<>();
        names.add(TextNormalizer.normalize(Credits.clean(credit)));
        names.add(TextNormalizer.normalize(Credits.withoutGuests(credit)));
        parsed.main().forEach(n -> names.add(TextNormalizer.normalize(n)));
        parsed.guests().forEach(n -> names.add(TextNormalizer.normalize(n)));
        for (String w : wanted.forms) {
            if (best(w, names) >= MIN_ARTIST_SIMILARITY) {
                return true;
            }
        }
        return !wanted.mainNames.isEmpty() && wanted.mainNames.stream().allMatch(w -> best(w, names) >= MIN_NAME_SIMILARITY);
    }

    /** The lowest artist similarity a candidate may have. */
    public static double minArtistSimilarity() {
        return MIN_ARTIST_SIMILARITY;
    }

    /**
     * A candidate's artists in every reading that names the same act: each credited artist, the
     * first ones joined ("Macklemore and Ryan Lewis" of [Macklemore, Ryan Lewis, Wanz]), the main
     * artist of a group credit ("Prince" of "Prince &amp; The Revolution"), the artists' other names
     * (sort-names, name variations). Featured artists lifted out of the title ("Song (feat. X)") count
     * as credited.
     */
    private static Offered offered(Candidate<?> c, List<String> featuredInTitle) {
        List<String> artists = c.artists();
        Set<String> forms = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        List<List<String>> groups = new ArrayList<>();
        StringBuilder joinedAnd = new StringBuilder();
        StringBuilder joinedSpace = new StringBuilder();
        for (int i = 0; i < artists.size(); i++) {
            String a = Credits.clean(artists.get(i));
            String n = TextNormalizer.normalize(a);
            forms.add(n);
            forms.add(TextNormalizer.normalize(Credits.withoutGuests(a)));
            Credits.Parsed parsed = Credits.parse(a);
            List<String> main = parsed.main().stream().map(TextNormalizer::normalize).filter(x -> !x.isEmpty()).toList();
            if (!main.isEmpty()) {
                forms.add(main.get(0));
                names.add(main.get(0));
                groups.add(main);
            }
            names.add(n);
            parsed.guests().forEach(g -> names.add(TextNormalizer.normalize(g)));
            joinedAnd.append(i == 0 ? "" : " and ").append(n);
            joinedSpace.append(i == 0 ? "" : " ").append(n);
            forms.add(joinedAnd.toString());
            forms.add(joinedSpace.toString());
        }
        for (String other : c.otherNames()) {
            Set<String> otherForms = Credits.otherNameForms(other);
            forms.addAll(otherForms);
            names.addAll(otherForms);
        }
        for (String f : featuredInTitle) {
            String n = TextNormalizer.normalize(f);
            forms.add(n);
            names.add(n);
            if (!artists.isEmpty()) {
                forms.add(TextNormalizer.normalize(Credits.clean(artists.get(0))) + " and " + n);
            }
        }
        forms.remove("");
        names.remove("");
        return new Offered(forms, names, groups);
    }

    private static String primary(List<String> artists) {
        return artists.isEmpty() ? "" : TextNormalizer.normalize(artists.get(0));
    }

    record Scored<T>(Candidate<T> candidate, double score, String identity) {
    }
}
