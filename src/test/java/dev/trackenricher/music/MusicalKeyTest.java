package dev.trackenricher.music;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The standard Camelot wheel and Open Key for all 24 keys (the original service got the minor keys wrong). */
class MusicalKeyTest {

    @ParameterizedTest(name = "{0} = {1} = {2}")
    @CsvSource({
            "C, 8B, 1d", "G, 9B, 2d", "D, 10B, 3d", "A, 11B, 4d", "E, 12B, 5d", "B, 1B, 6d",
            "F♯, 2B, 7d", "D♭, 3B, 8d", "A♭, 4B, 9d", "E♭, 5B, 10d", "B♭, 6B, 11d", "F, 7B, 12d",
            "Am, 8A, 1m", "Em, 9A, 2m", "Bm, 10A, 3m", "F♯m, 11A, 4m", "C♯m, 12A, 5m", "G♯m, 1A, 6m",
            "D♯m, 2A, 7m", "B♭m, 3A, 8m", "Fm, 4A, 9m", "Cm, 5A, 10m", "Gm, 6A, 11m", "Dm, 7A, 12m"})
    void camelotAndOpenKey(String notation, String camelot, String openKey) {
        MusicalKey key = MusicalKey.parse(notation).orElseThrow();
        assertThat(key.camelot()).isEqualTo(camelot);
        assertThat(key.openKey()).isEqualTo(openKey);
        // the stored name parses back to the same key
        assertThat(MusicalKey.parse(key.name())).contains(key);
    }

    @ParameterizedTest
    @CsvSource({"G#m, 1A", "Abm, 1A", "A♭m, 1A", "Ebm, 2A", "Db, 3B", "C#, 3B", "Gb, 2B", "A minor, 8A", "f# minor, 11A", "Bb major, 6B"})
    void enharmonicAndWrittenOutSpellings(String notation, String camelot) {
        assertThat(MusicalKey.parse(notation).orElseThrow().camelot()).isEqualTo(camelot);
    }

    @ParameterizedTest
    @CsvSource({"0, 1, 8B", "9, 0, 8A", "6, 1, 2B", "1, 0, 12A", "11, 1, 1B"})
    void spotifyPitchClassAndMode(int key, int mode, String camelot) {
        assertThat(MusicalKey.fromSpotify(key, mode).orElseThrow().camelot()).isEqualTo(camelot);
    }

    @ParameterizedTest
    @CsvSource(value = {"-1, 1", "12, 0", "3, 2", "null, 1"}, nullValues = "null")
    void spotifyNoKeyOrNonsenseIsNoKey(Integer key, int mode) {
        assertThat(MusicalKey.fromSpotify(key, mode)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"H", "Cx", "'  '", "minor", "C##"})
    void unreadableNotationIsNoKey(String notation) {
        assertThat(MusicalKey.parse(notation)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is F♯ minor")
    @CsvSource({"F♯m", "F#m", "Gbm", "G♭m", "F♯ minor", "f# minor", "11A", "4m"})
    void everyNotationOfOneKeyReadsOntoTheSameWheelPosition(String notation) {
        assertThat(MusicalKey.read(notation)).contains(new MusicalKey(6, true));
        // Spotify: key 6, mode 0
        assertThat(MusicalKey.fromSpotify(6, 0)).isEqualTo(MusicalKey.read(notation));
    }

    @org.junit.jupiter.api.Test
    void notationsThatAreNoKeyReadAsNone() {
        assertThat(MusicalKey.read("H dorian")).isEmpty();
        assertThat(MusicalKey.read("13A")).isEmpty();
        assertThat(MusicalKey.read("")).isEmpty();
        assertThat(MusicalKey.read(null)).isEmpty();
    }
}
