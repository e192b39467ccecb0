package dev.trackenricher.status;

/** A track held for a person's change: its history and locks, and its status when the hold was taken. */
public record HeldTrack(TrackToEnrich track, TrackStatus status) {

    /** An enrich run holds the track: a change now would be written over by the run. */
    public boolean beingEnriched() {
        return status == TrackStatus.IN_PROGRESS;
    }
}
