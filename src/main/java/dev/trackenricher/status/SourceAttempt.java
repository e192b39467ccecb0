package dev.trackenricher.status;

import dev.trackenricher.source.Outcome;
import java.util.Map;

/** One source's attempt in this run, as stored in enrichment_source_status. */
public record SourceAttempt(String source, Outcome outcome, String error, Map<String, Object> data, Double confidence) {
}
