package dev.trackenricher.match;

/** What the catalogue says about the track being looked for. */
public record MatchQuery(String artist, String title, Integer durationMs) {
}
