package dev.trackenricher.source;

import java.util.Map;

/**
 * One source's answer for one track: the outcome, the fields it found (canonical metadata names),
 * an error text for anything but found / not_found, and the match confidence when a search chose it.
 */
public record SourceResult(String source, Outcome outcome, Map<String, Object> fields, String error, Double confidence) {

    public SourceResult {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public static SourceResult found(String source, Map<String, Object> fields, Double confidence) {
        return new SourceResult(source, Outcome.FOUND, fields, null, confidence);
    }

    public static SourceResult notFound(String source, String why) {
        return new SourceResult(source, Outcome.NOT_FOUND, Map.of(), why, null);
    }

    public static SourceResult of(String source, Outcome outcome, String error) {
        return new SourceResult(source, outcome, Map.of(), error, null);
    }
}
