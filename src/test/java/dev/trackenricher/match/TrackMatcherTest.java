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
}
