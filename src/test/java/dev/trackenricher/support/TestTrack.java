package dev.trackenricher.support;

import java.util.UUID;

/** A track as the stub APIs know it: the same artist and title everywhere, with ids per source. */
public record TestTrack(String artist, String title, int durationMs, String spotifyId, String isrc, String mbid) {

    /** A distinct, plain-named track (no characters that need escaping), number {@code n}. */
    public static TestTrack numbered(int n) {
        String spotifyId = String.format("%022d", n).replace('0', 'a');
        String isrc = String.format("USTST%07d", n);
        return new TestTrack("Artist " + n, "Song " + n, 200_000 + n, spotifyId, isrc,
                UUID.nameUUIDFromBytes(("mb" + n).getBytes()).toString());
    }
}
