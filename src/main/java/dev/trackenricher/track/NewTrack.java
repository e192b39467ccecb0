package dev.trackenricher.track;

/** A track to add to the catalogue, already validated. */
public record NewTrack(String artistName, String title, String isrc, String spotifyId, Integer durationMs) {
}
