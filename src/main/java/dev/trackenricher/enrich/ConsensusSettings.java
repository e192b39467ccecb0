package dev.trackenricher.enrich;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the merge tells agreeing tempos from disagreeing ones ({@code enricher.consensus} in
 * batch-config/enricher.yml): two BPMs agree when they are within {@code tempo-tolerance} of each other
 * (relative to the larger), directly or, with {@code fold-octaves}, after doubling or halving one
 * (a tempo read at half or double speed is the same tempo).
 */
@ConfigurationProperties("enricher.consensus")
public record ConsensusSettings(@DefaultValue("0.02") double tempoTolerance, @DefaultValue("true") boolean foldOctaves) {

    public ConsensusSettings {
        if (tempoTolerance < 0 || tempoTolerance >= 0.5) {
            throw new IllegalArgumentException("enricher.consensus.tempo-tolerance must be in [0, 0.5), is " + tempoTolerance);
        }
    }

    public static ConsensusSettings defaults() {
        return new ConsensusSettings(0.02, true);
    }
}
