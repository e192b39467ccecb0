package dev.trackenricher.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ISRC the sources agree on; codes that are no ISRC count for nothing. */
class IsrcConsensusTest {

    final IsrcConsensus isrcs = new IsrcConsensus();

    @Test
    void theCodeAnotherSourceAgreesWithBeatsThePrioritySourcesOwn() {
        // Spotify (first for isrc) has a code no other source has; MusicBrainz and Discogs (hyphenated, lower case) agree
        var choice = isrcs.decide(List.of(
                        new SourceValue("spotify", "GBAHS1400100", 0.95),
                        new SourceValue("musicbrainz", "GBAHS1400099", 0.9),
                        new SourceValue("discogs", "gb-ahs-14-00099", 0.9)),
                Map.of("musicbrainz", List.of("GBAHS1400099"))).orElseThrow();

        assertThat(choice.isrc()).isEqualTo("GBAHS1400099");
        assertThat(choice.source()).isEqualTo("musicbrainz");
    }

    @Test
    void aTieGoesToThePrioritySource() {
        var choice = isrcs.decide(List.of(new SourceValue("spotify", "GBAHS1400100", 0.95), new SourceValue("musicbrainz", "GBAHS1400099", 0.9)),
                Map.of()).orElseThrow();
        assertThat(choice).isEqualTo(new IsrcConsensus.Choice("GBAHS1400100", "spotify"));
    }

    @Test
    void anInvalidCodeCountsForNothing() {
        // the letter O where the year's digits belong (a variant of the real listing below), a code one digit short, a word
        var choice = isrcs.decide(List.of(
                        new SourceValue("spotify", "JPTF0O100101", 0.9),
                        new SourceValue("musicbrainz", "JPTF00100101", 0.9),
                        new SourceValue("discogs", "JPTF0010010", null)),
                Map.of("lastfm", List.of("not an isrc", "JPTF0O100101"))).orElseThrow();
        assertThat(choice).isEqualTo(new IsrcConsensus.Choice("JPTF00100101", "musicbrainz"));

        assertThat(isrcs.decide(List.of(new SourceValue("spotify", "JPTF0O100101", 0.9)), Map.of())).isEmpty();
    }

    @Test
    void aCodeWithTheLetterOForAZeroLosesToItsTwinFromAnotherSource() {
        // MusicBrainz lists JPTFO0100101 before JPTF00100101 for BUMP OF CHICKEN's 天体観測 (fuwa-syugyo/credits_spot
        // cypress/fixtures/mock_result_tentaikansoku.json, May 2023): the O sits in the registrant, so the form passes
        var choice = isrcs.decide(List.of(new SourceValue("spotify", "JPTFO0100101", 0.9), new SourceValue("musicbrainz", "JPTF00100101", 0.9)),
                Map.of()).orElseThrow();
        assertThat(choice).isEqualTo(new IsrcConsensus.Choice("JPTF00100101", "musicbrainz"));
    }
}
