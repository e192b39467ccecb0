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

    @Test
    void aLiveRecordingOrAVideoNoLongerTiesWithTheStudioRecording() {
        // MusicBrainz search for 天体観測: score-100 ties, a video without length listed before the studio recording
        List<Candidate<String>> hits = List.of(
                new Candidate<>("video", List.of("BUMP OF CHICKEN"), "天体観測", null, List.of(), List.of(Candidate.VIDEO)),
                new Candidate<>("live video", List.of("BUMP OF CHICKEN"), "天体観測", null, List.of(),
                        List.of("live, BUMP OF CHICKEN TOUR 2017-2018 PATHFINDER SAITAMA SUPER ARENA", Candidate.VIDEO)),
                new Candidate<>("studio", List.of("BUMP OF CHICKEN"), "天体観測", 263600));
        assertThat(matcher.best(new MatchQuery("BUMP OF CHICKEN", "天体観測", null), hits))
                .hasValueSatisfying(m -> assertThat(m.item()).isEqualTo("studio"));
    }

    @Test
    void everyNameOfAJointCreditIsReadButOneNameIsNotTheDuo() {
        MatchQuery both = new MatchQuery("Kosmonova vs. Fiocco", "Celebrate", 210333);
        assertThat(matcher.best(both, List.of(new Candidate<>("one", List.of("Kosmonova"), "Celebrate", 199400)))).isEmpty();
        assertThat(matcher.best(both, List.of(new Candidate<>("both", List.of("Kosmonova", "Fiocco"), "Celebrate", 210333)))).isPresent();
        assertThat(matcher.best(new MatchQuery("Kosmonova & Fiocco", "Celebrate", null),
                List.of(new Candidate<>("both", List.of("Kosmonova", "Fiocco"), "Celebrate", null)))).isPresent();
        // a Discogs artist named "Christian Smith & John Selway", asked for in another order
        assertThat(matcher.best(new MatchQuery("John Selway & Christian Smith", "Silver", 196000),
                List.of(new Candidate<>("t", List.of("Christian Smith & John Selway"), "Silver", 196000)))).isPresent();
        assertThat(matcher.best(new MatchQuery("Crosby, Stills & Nash", "Teach Your Children", null),
                List.of(new Candidate<>("t", List.of("Crosby, Stills, Nash & Young"), "Teach Your Children", null)))).isEmpty();
        // choosing a release to look at reads every name of the hit's credit
        assertThat(TrackMatcher.creditNames("Dma-Sc", "Trash80 & Dma-Sc")).isTrue();
        assertThat(TrackMatcher.creditNames("Kathy Lee", "Nerio's Dubwork Meets Kathy Lee")).isTrue();
        assertThat(TrackMatcher.creditNames("Care Company", "Care Company (2)")).isTrue();
        assertThat(TrackMatcher.creditNames("Daft Punk", "Trash80 & Dma-Sc")).isFalse();
    }

    @Test
    void otherNamesOfTheCreditedArtistNameIt() {
        // MusicBrainz: credited 安室奈美恵, sort-name "Amuro, Namie"
        Candidate<String> hit = new Candidate<>("r", List.of("安室奈美恵"), "CAN YOU CELEBRATE?", 380000, List.of("安室奈美恵", "Amuro, Namie"),
                List.of());
        assertThat(matcher.best(new MatchQuery("Namie Amuro", "Can You Celebrate?", 377973), List.of(hit))).isPresent();
        assertThat(matcher.best(new MatchQuery("Laura Fygi", "Can You Celebrate?", null), List.of(hit))).isEmpty();
    }

    @Test
    void hitsOfOneIdentifierAreChosenByVersionNotByName() {
        // Spotify isrc:JPB609520101 answers the album version first, then the single's "Radio Mix"
        List<Candidate<String>> hits = List.of(
                new Candidate<>("album", List.of("TRF"), "CRAZY GONNA CRAZY", 364973),
                new Candidate<>("radio mix", List.of("TRF"), "CRAZY GONNA CRAZY - Radio Mix", 365566));
        assertThat(matcher.decideByIdentifier(new MatchQuery("TRF", "CRAZY GONNA CRAZY (Radio Mix)", null), hits).taken())
                .hasValueSatisfying(m -> assertThat(m.item()).isEqualTo("radio mix"));
        assertThat(matcher.decideByIdentifier(new MatchQuery("trf", "Crazy Gonna Crazy", 364973), hits).taken())
                .hasValueSatisfying(m -> assertThat(m.item()).isEqualTo("album"));
        // the names need not match (the identifier says whose it is), the version must
        assertThat(matcher.decideByIdentifier(new MatchQuery("Kessoku Band", "Seishun Complex", 203626),
                List.of(new Candidate<>("x", List.of("結束バンド"), "青春コンプレックス", 203626))).taken()).isPresent();
        assertThat(matcher.decideByIdentifier(new MatchQuery("TRF", "CRAZY GONNA CRAZY (Live)", null), hits))
                .isInstanceOf(MatchDecision.NoMatch.class);
    }

    @Test
    void titlesThatDifferInANumberAreDifferentTracks() {
        // Josh Wink's Profound Sounds Vol. 1: "Untitled 8" (Heiko Laux & Johannes Heil) and "Untitled" (Josh Wink)
        assertThat(matcher.best(new MatchQuery("Josh Wink", "Untitled 8", null),
                List.of(new Candidate<>("12", List.of("Josh Wink"), "Untitled", 166000)))).isEmpty();
        assertThat(matcher.best(new MatchQuery("Care Company", "Vol. 2", null),
                List.of(new Candidate<>("5", List.of("Care Company (2)"), "Vol. 2", 336000)))).isPresent();
        assertThat(matcher.best(new MatchQuery("坂本九", "上を向いて歩こう", null),
                List.of(new Candidate<>("2000", List.of("坂本九&舞子"), "上を向いて歩こう 2000", null)))).isEmpty();
    }
}
