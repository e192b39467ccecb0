package dev.trackenricher.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Chooses the search hit that is the catalogue's track, or none. A candidate must be the same
 * version (a remix, live take or cover never stands in for the plain track), close in title and
 * artist, and close in duration when both sides know it; the best must clear the threshold and beat
 * the best <em>different</em> candidate by the margin. Prefer no data to wrong data.
 */
public class TrackMatcher {

    private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();
    private static final Pattern ARTIST_FEATURING = Pattern.compile("\\s+(feat\\.?|ft\\.?|featuring|with|x|vs\\.?)\\s+.*$",
            Pattern.CASE_INSENSITIVE);
    private static final double SAME_RECORDING_MARKER_PENALTY = 0.02;
    private static final double MIN_TITLE_SIMILARITY = 0.85;
    private static final double MIN_ARTIST_SIMILARITY = 0.75;

    private final MatchSettings settings;

    public TrackMatcher(MatchSettings settings) {
        this.settings = settings;
    }

    public <T> Optional<Match<T>> best(MatchQuery query, List<Candidate<T>> candidates) {
        TitleVersion wanted = TitleVersion.parse(query.title());
        String wantedArtist = primaryArtist(query.artist());
        List<Scored<T>> scored = new ArrayList<>();
        for (Candidate<T> c : candidates) {
            score(wanted, wantedArtist, query, c).ifPresent(scored::add);
        }
        if (scored.isEmpty()) {
            return Optional.empty();
        }
        scored.sort(Comparator.comparingDouble((Scored<T> s) -> s.score).reversed());
        Scored<T> top = scored.get(0);
        if (top.score < settings.threshold()) {
            return Optional.empty();
        }
        for (Scored<T> other : scored.subList(1, scored.size())) {
            if (!other.identity.equals(top.identity)) {
                if (top.score - other.score < settings.margin()) {
                    return Optional.empty();
                }
                break;
            }
        }
        return Optional.of(new Match<>(top.candidate.item(), Math.round(top.score * 1000) / 1000.0));
    }

    /** A score, or empty when the candidate is certainly another recording. */
    <T> Optional<Scored<T>> score(TitleVersion wanted, String wantedArtist, MatchQuery query, Candidate<T> c) {
        TitleVersion found = TitleVersion.parse(c.title());
        if (!wanted.differentRecording().equals(found.differentRecording())) {
            return Optional.empty();
        }
        if (query.durationMs() != null && c.durationMs() != null
                && Math.abs(query.durationMs() - c.durationMs()) > settings.durationTolerance().toMillis()) {
            return Optional.empty();
        }
        double title = SIMILARITY.apply(wanted.core(), found.core());
        double artist = artistSimilarity(wantedArtist, c.artists());
        if (title < MIN_TITLE_SIMILARITY || artist < MIN_ARTIST_SIMILARITY) {
            return Optional.empty();
        }
        double penalty = Objects.equals(wanted.sameRecording(), found.sameRecording()) ? 0 : SAME_RECORDING_MARKER_PENALTY;
        double score = settings.titleWeight() * title + (1 - settings.titleWeight()) * artist - penalty;
        String identity = found.core() + "|" + found.differentRecording() + "|" + normalizedArtists(c.artists());
        return Optional.of(new Scored<>(c, score, identity));
    }

    private static double artistSimilarity(String wantedArtist, List<String> artists) {
        double best = 0;
        List<String> options = new ArrayList<>(artists);
        options.add(String.join(" and ", artists));
        for (String a : options) {
            String candidate = TextNormalizer.normalize(a);
            best = Math.max(best, SIMILARITY.apply(wantedArtist, candidate));
            best = Math.max(best, SIMILARITY.apply(wantedArtist, TextNormalizer.normalize(ARTIST_FEATURING.matcher(a).replaceFirst(""))));
        }
        return best;
    }

    static String primaryArtist(String artist) {
        String a = artist == null ? "" : artist;
        return TextNormalizer.normalize(ARTIST_FEATURING.matcher(a).replaceFirst(""));
    }

    private static String normalizedArtists(List<String> artists) {
        return artists.isEmpty() ? "" : TextNormalizer.normalize(artists.get(0));
    }

    record Scored<T>(Candidate<T> candidate, double score, String identity) {
    }
}
