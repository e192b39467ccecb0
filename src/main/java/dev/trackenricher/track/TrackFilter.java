package dev.trackenricher.track;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.status.TrackStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which tracks a listing or an export takes: an enrichment status, a source's latest outcome (a
 * source, an outcome, or both: {@code source=spotify&outcome=failed}), and words that must each occur
 * in the artist or the title (case and accents aside). Null or empty means "any".
 */
public record TrackFilter(TrackStatus status, String source, Outcome outcome, List<String> words) {

    static final int MAX_WORDS = 10;
    static final int MAX_WORD = 100;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    public static final TrackFilter ALL = new TrackFilter(null, null, null, List.of());

    public TrackFilter {
        words = words == null ? List.of() : List.copyOf(words);
    }

    /** A value the caller gave that is not one the filter takes; {@code field} is the name it was given under. */
    public static final class Invalid extends RuntimeException {
        private final String field;

        Invalid(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Reads the filter from named values ({@code status}, {@code source}, {@code outcome}, {@code q}),
     * each looked up with {@code value} and named in errors by {@code label} (a query parameter as it
     * is, a command-line flag with its dashes).
     *
     * @param sources the configured source names
     */
    public static TrackFilter parse(Function<String, String> value, Function<String, String> label, Set<String> sources) {
        TrackStatus status = null;
        String s = blankToNull(value.apply("status"));
        if (s != null) {
            try {
                status = TrackStatus.fromWireName(s);
            } catch (IllegalArgumentException e) {
                throw new Invalid(label.apply("status"), quoted(s) + " is not a status (" + names(TrackStatus.values(), TrackStatus::wireName) + ")");
            }
        }
        String source = blankToNull(value.apply("source"));
        if (source != null && !sources.contains(source)) {
            throw new Invalid(label.apply("source"), quoted(source) + " is not a source (" + String.join(", ", sources) + ")");
        }
        Outcome outcome = null;
        String o = blankToNull(value.apply("outcome"));
        if (o != null) {
            try {
                outcome = Outcome.fromWireName(o);
            } catch (IllegalArgumentException e) {
                throw new Invalid(label.apply("outcome"), quoted(o) + " is not an outcome (" + names(Outcome.values(), Outcome::wireName) + ")");
            }
        }
        return new TrackFilter(status, source, outcome, words(value.apply("q"), label.apply("q")));
    }

    private static List<String> words(String q, String label) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        if (CONTROL.matcher(q).find()) {
            throw new Invalid(label, "contains a control character");
        }
        List<String> words = new ArrayList<>(Arrays.asList(q.strip().split("\\s+")));
        if (words.size() > MAX_WORDS) {
            throw new Invalid(label, words.size() + " words; at most " + MAX_WORDS);
        }
        for (String w : words) {
            if (w.length() > MAX_WORD) {
                throw new Invalid(label, "a word of " + w.length() + " characters; at most " + MAX_WORD);
            }
        }
        return words;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String quoted(String v) {
        return "\"" + (v.length() <= 40 ? v : v.substring(0, 40) + "…") + "\"";
    }

    private static <T> String names(T[] values, Function<T, String> name) {
        return Arrays.stream(values).map(name).collect(Collectors.joining(", "));
    }

    /** The words as LIKE patterns: {@code %word%}, with LIKE's own characters taken literally. */
    List<String> likePatterns() {
        return words.stream().map(w -> "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%").toList();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (status != null) {
            parts.add("status=" + status.wireName());
        }
        if (source != null) {
            parts.add("source=" + source);
        }
        if (outcome != null) {
            parts.add("outcome=" + outcome.wireName());
        }
        if (!words.isEmpty()) {
            parts.add("q=" + String.join(" ", words));
        }
        return parts.isEmpty() ? "all tracks" : String.join(" ", parts);
    }
}
