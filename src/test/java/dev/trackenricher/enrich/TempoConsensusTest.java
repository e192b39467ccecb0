package dev.trackenricher.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;

/** BPMs of several sources as one tempo: within the tolerance, half and double tempo folded. */
class TempoConsensusTest {

    final TempoConsensus tempo = new TempoConsensus(ConsensusSettings.defaults());

    @Test
    @SuppressWarnings("unchecked")
    void halfAndDoubleTempoAndASmallDifferenceAreOneTempoAtTheOctaveMostSourcesGive() {
        Consensus c = tempo.decide(List.of(
                new SourceValue("getsongbpm", 87, 0.97),
                new SourceValue("acousticbrainz", 174.0, null),
                new SourceValue("spotify", 86.9, 0.92))).orElseThrow();

        assertThat(c.value()).isEqualTo(87);
        assertThat(c.source()).isEqualTo("getsongbpm");
        assertThat(c.confidence()).containsEntry("status", "agreed").containsEntry("agreeing", 3).containsEntry("sources", 3);
        Map<String, Map<String, Object>> bySource = (Map<String, Map<String, Object>>) c.confidence().get("by_source");
        assertThat(bySource).containsOnlyKeys("getsongbpm", "acousticbrainz", "spotify");
        assertThat(bySource.get("getsongbpm")).containsEntry("agrees", true).containsEntry("match_confidence", 0.97);
        assertThat(bySource.get("acousticbrainz")).containsEntry("bpm", 174.0).containsEntry("read_as", 87.0)
                .containsEntry("agrees", true).doesNotContainKey("match_confidence");
        assertThat(bySource.get("spotify")).containsEntry("agrees", true).containsEntry("match_confidence", 0.92);
        assertThat(c.conflicts()).isEmpty();
    }

    @Test
    void whenMostSourcesReadDoubleTempoTheDoubleTempoWins() {
        Consensus c = tempo.decide(List.of(
                new SourceValue("getsongbpm", 87, null),
                new SourceValue("acousticbrainz", 174.0, null),
                new SourceValue("spotify", 173.8, 0.9))).orElseThrow();

        assertThat(c.value()).isEqualTo(174.0);
        assertThat(c.source()).isEqualTo("acousticbrainz");
        assertThat(c.confidence()).containsEntry("agreeing", 3);
    }

    @Test
    void twoSourcesAtTwoOctavesKeepTheHigherPrioritySourcesOctave() {
        Consensus c = tempo.decide(List.of(new SourceValue("getsongbpm", 174, null), new SourceValue("spotify", 87.0, 0.9))).orElseThrow();
        assertThat(c.value()).isEqualTo(174);
        assertThat(c.confidence()).containsEntry("status", "agreed").containsEntry("agreeing", 2);
    }

    @Test
    void temposMoreThanTwoPercentApartDisagreeAndBothGoUnderConflicts() {
        Consensus c = tempo.decide(List.of(new SourceValue("getsongbpm", 120, null), new SourceValue("spotify", 128.0, 0.95))).orElseThrow();

        assertThat(c.value()).isEqualTo(120);
        assertThat(c.confidence()).containsEntry("status", "disputed").containsEntry("agreeing", 1).containsEntry("sources", 2);
        assertThat(c.conflicts()).containsExactlyInAnyOrderEntriesOf(Map.of("getsongbpm", 120, "spotify", 128.0));
    }

    @Test
    void theMajorityWinsOverThePrioritySourceAndTheDisagreementIsKept() {
        Consensus c = tempo.decide(List.of(
                new SourceValue("getsongbpm", 128, null),
                new SourceValue("acousticbrainz", 120.4, null),
                new SourceValue("spotify", 120.0, 0.95))).orElseThrow();

        assertThat(c.value()).isEqualTo(120.4);
        assertThat(c.source()).isEqualTo("acousticbrainz");
        assertThat(c.confidence()).containsEntry("status", "majority").containsEntry("agreeing", 2).containsEntry("sources", 3);
        assertThat(c.conflicts()).as("the dissenter; the majority's value is the merged one").isEqualTo(Map.of("getsongbpm", 128));
    }

    @Test
    void theEdgeOfTheTolerance() {
        assertThat(tempo.factor(100, 102)).isEqualTo(1);
        assertThat(tempo.factor(100, 102.1)).isZero();
        assertThat(tempo.factor(100, 203)).isEqualTo(0.5);
        assertThat(tempo.factor(100, 50.5)).isEqualTo(2);
        assertThat(tempo.factor(100, 300)).as("triple tempo is not folded").isZero();
        assertThat(new TempoConsensus(new ConsensusSettings(0.02, false)).factor(87, 174)).as("folding off").isZero();
    }

    @Test
    void valuesThatAreNoTempoCountForNothing() {
        assertThat(tempo.decide(List.of(new SourceValue("spotify", 0, 0.9), new SourceValue("getsongbpm", "fast", null)))).isEmpty();
        Consensus c = tempo.decide(List.of(new SourceValue("spotify", -1, 0.9), new SourceValue("getsongbpm", 98, null))).orElseThrow();
        assertThat(c.value()).isEqualTo(98);
        assertThat(c.confidence()).containsEntry("status", "single").containsEntry("sources", 1);
    }

    @Test
    void theOperatorSettingsBindFromBatchConfig() throws IOException {
        var yaml = new YamlPropertySourceLoader().load("enricher.yml", new FileSystemResource("batch-config/enricher.yml"));
        ConsensusSettings settings = new Binder(ConfigurationPropertySources.from(yaml))
                .bind("enricher.consensus", Bindable.of(ConsensusSettings.class)).get();
        assertThat(settings).isEqualTo(ConsensusSettings.defaults());
        assertThatThrownBy(() -> new ConsensusSettings(0.5, true)).hasMessageContaining("enricher.consensus.tempo-tolerance");
    }
}
