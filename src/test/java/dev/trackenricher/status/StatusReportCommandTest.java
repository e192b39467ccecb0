package dev.trackenricher.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code report}: tracks by status, outcomes per source, and the running service's breakers with their transitions. */
class StatusReportCommandTest extends IntegrationTest {

    @Autowired
    StatusReportCommand report;

    @Test
    void reportsStatusesOutcomesAndBreakerTransitions() throws Exception {
        List<TestTrack> tracks = List.of(TestTrack.numbered(500), TestTrack.numbered(501), TestTrack.numbered(502));
        ApiStubs.knowEverywhere(tracks.get(0));
        ApiStubs.know("musicbrainz", tracks.get(1));
        addTracks(tracks);
        runEnrich(null);
        breakers.breaker("discogs").transitionToOpenState();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = report.run(List.of("--service-url", "http://localhost:" + port), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(text).contains("Tracks: 3 (completed 1, partial 1, failed 1, pending 0, in_progress 0)");
        assertThat(text).containsPattern("musicbrainz\\s+2\\s+1\\s+0\\s+0\\s+0\\s+0");
        assertThat(text).containsPattern("spotify\\s+1\\s+2\\s+0");
        // the latest transition last (breakers opened and reset by earlier tests of this context come before it)
        assertThat(text).containsPattern("discogs\\s+open\\s+.*closed→open \\d\\d:\\d\\d:\\d\\d\\R");
    }

    @Test
    void saysSoWhenTheServiceIsNotReachableAndRejectsUnknownArguments() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(report.run(List.of("--service-url", "http://localhost:1"), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("the service is not reachable");
        assertThat(report.run(List.of("--verbose"), System.out, new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
    }
}
