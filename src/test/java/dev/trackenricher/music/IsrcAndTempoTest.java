package dev.trackenricher.music;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IsrcAndTempoTest {

    @Test
    void isrcsAreReadHyphenatedOrInLowerCaseAndAnythingElseIsNone() {
        assertThat(Isrc.parse("GB-SMU-45-66095")).contains("GBSMU4566095");
        assertThat(Isrc.parse("gb-aaa-99-00303")).contains("GBAAA9900303");
        assertThat(Isrc.parse(" USQ4E1300686 ")).contains("USQ4E1300686");
        assertThat(Isrc.parse("USQ4E130068")).as("11 characters").isEmpty();
        assertThat(Isrc.parse("1SQ4E1300686")).as("a digit where the country is").isEmpty();
        assertThat(Isrc.parse(null)).isEmpty();
    }

    @Test
    void isrcsHaveTheirFourParts() {
        // CC-XXX-YY-NNNNN: two letters, three letters or digits, two digits, five digits
        assertThat(Isrc.parse("JP-TF0-01-00101")).contains("JPTF00100101");
        assertThat(Isrc.parse("JPTF0O100101")).as("a letter where the year's digits are").isEmpty();
        assertThat(Isrc.parse("JPTF0010010O")).as("a letter in the designation").isEmpty();
        assertThat(Isrc.parse("J1TF00100101")).as("a digit in the country code").isEmpty();
    }

    @Test
    void aTwinTypedWithTheLetterOForAZeroGivesWayToTheValidOne() {
        // MusicBrainz lists both for BUMP OF CHICKEN's 天体観測, the O first; the O passes the form (registrant "TFO")
        assertThat(Isrc.parse("JPTFO0100101")).isPresent();
        assertThat(Isrc.preferred(java.util.List.of("JPTFO0100101", "JPTF00100101"))).containsExactly("JPTF00100101");
        assertThat(Isrc.preferred(java.util.List.of("JPTFO0100101"))).as("alone it cannot be told from a real one").containsExactly("JPTFO0100101");
        assertThat(Isrc.preferred(java.util.List.of("jp-tf0-01-00101", "JPTF00100101", "not an isrc", "USSM19902991")))
                .containsExactly("JPTF00100101", "USSM19902991");
    }

    @Test
    void tempoIsKeptToOneDecimalAndUnknownTemposAreNone() {
        assertThat(Tempo.bpm(124.02)).contains(124.0);
        assertThat(Tempo.bpm(127.96)).contains(128.0);
        assertThat(Tempo.bpm(0)).isEmpty();
        assertThat(Tempo.bpm(-3)).isEmpty();
        assertThat(Tempo.bpm(Double.NaN)).isEmpty();
        assertThat(Tempo.bpm(Double.POSITIVE_INFINITY)).isEmpty();
    }
}
