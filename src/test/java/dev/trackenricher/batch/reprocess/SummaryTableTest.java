package dev.trackenricher.batch.reprocess;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The summary table keeps its columns aligned for any script: wide characters count as two columns. */
class SummaryTableTest {

    @Test
    void wideCharactersTakeTwoColumns() {
        assertThat(SummaryTable.columns("Björk – Jóga")).isEqualTo(12);
        assertThat(SummaryTable.columns("宇多田ヒカル")).isEqualTo(12);
        assertThat(SummaryTable.columns("e\u0301")).isEqualTo(1);
        assertThat(SummaryTable.pad("宇多田", 10)).isEqualTo("宇多田    ");
    }

    @Test
    void longNamesAreCutToTheirColumns() {
        assertThat(SummaryTable.cut("宇多田ヒカル – First Love", 10)).isEqualTo("宇多田ヒ…");
        assertThat(SummaryTable.columns(SummaryTable.cut("宇多田ヒカル – First Love", 10))).isLessThanOrEqualTo(10);
        assertThat(SummaryTable.cut("Daft   Punk\n– One More Time", 40)).isEqualTo("Daft Punk – One More Time");
        assertThat(SummaryTable.cut("A".repeat(50), 40)).hasSize(40).endsWith("…");
    }
}
