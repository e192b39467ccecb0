package dev.trackenricher.source;

import java.util.List;

/**
 * One hit of an undecided search, as a person sees it in the review queue: the source's own id for
 * it (what {@link SourceClient#lookupById} takes), its artist and title, the version markers of its
 * title (a live take, a remix, a remaster), its duration when the source gives one, its match score
 * (0..1) and why it was not taken.
 */
public record ReviewCandidate(String id, String artist, String title, List<String> version, Integer durationMs, double score,
                              String why) {

    public ReviewCandidate {
        version = version == null ? List.of() : List.copyOf(version);
    }
}
