package dev.trackenricher.match;

/** The accepted candidate and how sure the matcher is (0..1). */
public record Match<T>(T item, double confidence) {
}
