package dev.trackenricher.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys of several sources on one wheel: notations do not matter, a different key is a conflict. */
class KeyConsensusTest {

    final KeyConsensus keys = new KeyConsensus();

    @Test
    @SuppressWarnings("unchecked")
    void everyNotationOfFSharpMinorAgrees() {
        // Spotify's 6/0 reaches the merge as its client names it: "F♯ minor"
        Consensus c = keys.decide(List.of(
                new SourceValue("getsongbpm", "F#m", null),
                new SourceValue("acousticbrainz", "Gbm", null),
                new SourceValue("spotify", "F♯ minor", 0.93),
                new SourceValue("catalogue-a", "4m", null),
                new SourceValue("catalogue-b", "11A", null))).orElseThrow();

        assertThat(c.value()).isEqualTo("F#m");
        assertThat(c.source()).isEqualTo("getsongbpm");
        assertThat(c.confidence()).containsEntry("status", "agreed").containsEntry("agreeing", 5).containsEntry("sources", 5);
        Map<String, Map<String, Object>> bySource = (Map<String, Map<String, Object>>) c.confidence().get("by_source");
        assertThat(bySource.values()).allSatisfy(e -> assertThat(e).containsEntry("camelot", "11A").containsEntry("agrees", true));
        assertThat(bySource.get("spotify")).containsEntry("match_confidence", 0.93);
        assertThat(c.conflicts()).isEmpty();
    }

    @Test
    void aRelativeMajorIsAnotherKeyAndBothSidesGoUnderConflicts() {
        Consensus c = keys.decide(List.of(new SourceValue("getsongbpm", "A minor", null), new SourceValue("acousticbrainz", "C major", null)))
                .orElseThrow();

        assertThat(c.value()).isEqualTo("A minor");
        assertThat(c.confidence()).containsEntry("status", "disputed").containsEntry("agreeing", 1).containsEntry("sources", 2);
        assertThat(c.conflicts()).isEqualTo(Map.of("getsongbpm", "A minor", "acousticbrainz", "C major"));
    }

    @Test
    void twoAgainstOneTheMajorityKeyWins() {
        Consensus c = keys.decide(List.of(
                new SourceValue("getsongbpm", "E minor", null),
                new SourceValue("acousticbrainz", "D♭ major", null),
                new SourceValue("spotify", "C# major", 0.9))).orElseThrow();

        assertThat(c.value()).isEqualTo("D♭ major");
        assertThat(c.source()).isEqualTo("acousticbrainz");
        assertThat(c.confidence()).containsEntry("status", "majority").containsEntry("agreeing", 2);
        assertThat(c.conflicts()).isEqualTo(Map.of("getsongbpm", "E minor"));
    }

    @Test
    void aNotationNoWheelReadsIsLeftOut() {
        assertThat(keys.decide(List.of(new SourceValue("getsongbpm", "H dorian", null)))).isEmpty();
        Consensus c = keys.decide(List.of(new SourceValue("getsongbpm", "H dorian", null), new SourceValue("spotify", "E minor", 0.9)))
                .orElseThrow();
        assertThat(c.value()).isEqualTo("E minor");
        assertThat(c.confidence()).containsEntry("status", "single").containsEntry("sources", 1);
    }
}
