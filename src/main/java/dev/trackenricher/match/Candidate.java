package dev.trackenricher.match;

import java.util.List;

/** One search hit reduced to what matching compares: its artists, title and duration. */
public record Candidate<T>(T item, List<String> artists, String title, Integer durationMs) {

    public Candidate {
        artists = artists == null ? List.of() : List.copyOf(artists);
    }
}
