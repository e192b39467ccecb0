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
    void tempoIsKeptToOneDecimalAndUnknownTemposAreNone() {
        assertThat(Tempo.bpm(124.02)).contains(124.0);
        assertThat(Tempo.bpm(127.96)).contains(128.0);
        assertThat(Tempo.bpm(0)).isEmpty();
        assertThat(Tempo.bpm(-3)).isEmpty();
        assertThat(Tempo.bpm(Double.NaN)).isEmpty();
        assertThat(Tempo.bpm(Double.POSITIVE_INFINITY)).isEmpty();
    }
}
