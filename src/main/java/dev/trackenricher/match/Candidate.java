package dev.trackenricher.match;

import java.util.List;

/**
 * One search hit reduced to what matching compares: its credited artists, title and duration, and
 * what else the API says about it.
 *
 * @param artists      the credited names, in order; a name may itself be a joint credit ("Trash80 &amp; Dma-Sc")
 * @param otherNames   other names of the credited artists: a sort-name ("Amuro, Namie"), the artist's own
 *                     name where the credit differs, a name variation; they name the same artists, never more
 * @param versionNotes what the API says about the version besides the title: a disambiguation ("live,
 *                     2001-05-27: Yoyogi …", "instrumental", "2017 rerecording"), {@link #VIDEO} for a video.
 *                     They can only make the hit a version; text that names none is ignored
 */
public record Candidate<T>(T item, List<String> artists, String title, Integer durationMs, List<String> otherNames,
                           List<String> versionNotes) {

    /** The version note of a video recording (MusicBrainz {@code video: true}). */
    public static final String VIDEO = "video";

    public Candidate {
        artists = artists == null ? List.of() : List.copyOf(artists);
        otherNames = otherNames == null ? List.of() : List.copyOf(otherNames);
        versionNotes = versionNotes == null ? List.of() : List.copyOf(versionNotes);
    }

    public Candidate(T item, List<String> artists, String title, Integer durationMs) {
        this(item, artists, title, durationMs, List.of(), List.of());
    }
}
