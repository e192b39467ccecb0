package dev.trackenricher.match;

import java.util.List;
import java.util.Optional;

/**
 * What the matcher concluded about one search's hits: one was taken; none could be taken but a
 * person could decide (the best fell just short of the threshold, or another recording scored
 * nearly as well); or none is the track.
 */
public sealed interface MatchDecision<T> {

    /** The taken hit, if one was. */
    Optional<Match<T>> taken();

    /** A hit that is the catalogue's track. */
    record Taken<T>(Match<T> match) implements MatchDecision<T> {
        @Override
        public Optional<Match<T>> taken() {
            return Optional.of(match);
        }
    }

    /**
     * No hit taken, but the best ones are close enough to show a person: best first, at most
     * {@link TrackMatcher#MAX_UNDECIDED} of them, with why none was taken.
     */
    record Undecided<T>(List<Scored<T>> candidates, String why) implements MatchDecision<T> {
        public Undecided {
            candidates = List.copyOf(candidates);
        }

        @Override
        public Optional<Match<T>> taken() {
            return Optional.empty();
        }
    }

    /** No hit is the track (or none comes near). */
    record NoMatch<T>(String why) implements MatchDecision<T> {
        @Override
        public Optional<Match<T>> taken() {
            return Optional.empty();
        }
    }

    /** One hit with its score (0..1) and its title's version markers (a live take, a remix, a remaster). */
    record Scored<T>(Candidate<T> candidate, double score, TitleVersion version) {
    }
}
