package dev.trackenricher.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrackMatcherTest {

    final TrackMatcher matcher = new TrackMatcher(MatchSettings.defaults());

    @Test
    void takesTheRightHitNotTheFirst() {
        List<Candidate<String>> hits = List.of(
                new Candidate<>("cover", List.of("Karaoke Stars"), "Happy (Karaoke Version)", 233000),
                new Candidate<>("other", List.of("Pharrell Williams"), "Freedom", 240000),
                new Candidate<>("right", List.of("Pharrell Williams"), "Happy - From \"Despicable Me 2\"", 233305));

        assertThat(matcher.best(new MatchQuery("Pharrell Williams", "Happy", 233000), hits))
                .hasValueSatisfying(m -> assertThat(m.item()).isEqualTo("right"));
    }

    @Test
    void noHitAboveTheThresholdIsNoMatch() {
        List<Candidate<String>> hits = List.of(new Candidate<>("x", List.of("Nine Inch Nails"), "Hurt", 373000));
        assertThat(matcher.best(new MatchQuery("Johnny Cash", "Hurt", null), hits)).isEmpty();
    }

    @Test
    void twoDifferentHitsTooCloseToCallAreNoMatch() {
        List<Candidate<String>> hits = List.of(
                new Candidate<>("a", List.of("Artist"), "Song One", null),
                new Candidate<>("b", List.of("Artist"), "Song Onf", null));
        assertThat(matcher.best(new MatchQuery("Artist", "Song On", null), hits)).isEmpty();
    }

    @Test
    void theSameRecordingListedTwiceIsNotAmbiguous() {
        List<Candidate<String>> hits = List.of(
                new Candidate<>("single", List.of("Daft Punk"), "One More Time", 320357),
                new Candidate<>("album", List.of("Daft Punk"), "One More Time", 320357));
        assertThat(matcher.best(new MatchQuery("Daft Punk", "One More Time", null), hits)).isPresent();
    }

    @Test
    void twoRecordingsScoringAlikeAreUndecidedWithBothCandidatesBestFirst() {
        List<Candidate<String>> hits = List.of(
                new Candidate<>("a", List.of("Artist"), "Song One", null),
                new Candidate<>("b", List.of("Artist"), "Song Onf", null));
        MatchDecision<String> decision = matcher.decide(new MatchQuery("Artist", "Song On", null), hits);

        assertThat(decision).isInstanceOf(MatchDecision.Undecided.class);
        MatchDecision.Undecided<String> undecided = (MatchDecision.Undecided<String>) decision;
        assertThat(undecided.candidates()).extracting(c -> c.candidate().item()).containsExactlyInAnyOrder("a", "b");
        assertThat(undecided.candidates().get(0).score()).isGreaterThanOrEqualTo(undecided.candidates().get(1).score());
        assertThat(undecided.why()).contains("two recordings score alike");
        assertThat(decision.taken()).isEmpty();
    }

    @Test
    void aBestHitJustBelowTheThresholdIsUndecidedAndOneFarBelowIsNoMatch() {
        // a misspelt credit and a plural title: close (0.848), yet short of the threshold
        MatchQuery query = new MatchQuery("Massive Attack", "Teardrop", null);
        List<Candidate<String>> near = List.of(new Candidate<>("near", List.of("Masive Atak"), "Teardrops", null));
        MatchDecision<String> nearDecision = matcher.decide(query, near);
        double score = matcher.score(query, near.get(0)).orElseThrow();
        assertThat(score).isBetween(MatchSettings.defaults().reviewFloor(), MatchSettings.defaults().threshold());
        assertThat(nearDecision).isInstanceOf(MatchDecision.Undecided.class);
        assertThat(((MatchDecision.Undecided<String>) nearDecision).why()).contains("below the threshold");

        List<Candidate<String>> far = List.of(new Candidate<>("far", List.of("Nine Inch Nails"), "Hurt", 373000));
        assertThat(matcher.decide(new MatchQuery("Johnny Cash", "Hurt", null), far)).isInstanceOf(MatchDecision.NoMatch.class);
    }

    @Test
    void aClearBestHitIsTakenWithItsConfidence() {
        List<Candidate<String>> hits = List.of(new Candidate<>("x", List.of("Daft Punk"), "One More Time", 320357));
        MatchDecision<String> decision = matcher.decide(new MatchQuery("Daft Punk", "One More Time", 320000), hits);
        assertThat(decision).isInstanceOf(MatchDecision.Taken.class);
        assertThat(decision.taken()).hasValueSatisfying(m -> assertThat(m.confidence()).isGreaterThan(0.95));
    }
}
