package dev.trackenricher.source;

import dev.trackenricher.credentials.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One source's answer for one track: the outcome, the fields it found (canonical metadata names),
 * an error text for anything but found (the reason for not_found or needs_review; every credential
 * in it masked by the {@link Redactor}), the match confidence when a search chose it, the
 * {@link Hint hints} its answer gave about asking again, and for needs_review the
 * {@link ReviewCandidate candidates} a person chooses from (best first).
 */
public record SourceResult(String source, Outcome outcome, Map<String, Object> fields, String error, Double confidence, List<Hint> hints,
                           List<ReviewCandidate> candidates) {

    public SourceResult {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        hints = hints == null ? List.of() : List.copyOf(hints);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        // where an attempt's error text is made: from here it is stored, shown over REST and logged
        error = Redactor.process().redact(error);
    }

    public SourceResult(String source, Outcome outcome, Map<String, Object> fields, String error, Double confidence, List<Hint> hints) {
        this(source, outcome, fields, error, confidence, hints, List.of());
    }

    public SourceResult(String source, Outcome outcome, Map<String, Object> fields, String error, Double confidence) {
        this(source, outcome, fields, error, confidence, List.of());
    }

    public static SourceResult found(String source, Map<String, Object> fields, Double confidence) {
        return new SourceResult(source, Outcome.FOUND, fields, null, confidence);
    }

    public static SourceResult notFound(String source, String why) {
        return new SourceResult(source, Outcome.NOT_FOUND, Map.of(), why, null);
    }

    /** An undecided search: not found yet; these candidates (best first) go to a person, {@code why} says why none was taken. */
    public static SourceResult needsReview(String source, String why, List<ReviewCandidate> candidates) {
        return new SourceResult(source, Outcome.NEEDS_REVIEW, Map.of(), why, null, List.of(), candidates);
    }

    public static SourceResult of(String source, Outcome outcome, String error) {
        return new SourceResult(source, outcome, Map.of(), error, null);
    }

    /**
     * What a fetch that threw comes to: rate_limited for a {@link SourceRateLimitedException},
     * failed for anything else (a {@link SourceFailureException}'s message as is, another exception
     * as "unexpected ..."), with the hints the exception carries. Error texts are as thrown: they
     * were redacted when the exception was made.
     */
    public static SourceResult failed(String source, Throwable caught) {
        for (Throwable t = caught; t != null; t = t.getCause()) {
            if (t instanceof SourceRateLimitedException limited) {
                return new SourceResult(source, Outcome.RATE_LIMITED, Map.of(), limited.getMessage(), null, limited.hints());
            }
            if (t instanceof SourceFailureException failure) {
                return new SourceResult(source, Outcome.FAILED, Map.of(), failure.getMessage(), null, failure.hints());
            }
        }
        return of(source, Outcome.FAILED, "unexpected " + caught.getClass().getSimpleName() + ": " + caught.getMessage());
    }

    /** The same result with one more hint. */
    public SourceResult with(Hint hint) {
        List<Hint> more = new ArrayList<>(hints);
        more.add(hint);
        return new SourceResult(source, outcome, fields, error, confidence, more, candidates);
    }

    /** The same result with another error text (e.g. redacted). */
    public SourceResult withError(String text) {
        return new SourceResult(source, outcome, fields, text, confidence, hints, candidates);
    }

    /** The same result with another confidence (a curator's choice is certain). */
    public SourceResult withConfidence(Double certainty) {
        return new SourceResult(source, outcome, fields, error, certainty, hints, candidates);
    }
}
