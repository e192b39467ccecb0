package dev.trackenricher.batch.reprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.source.SourceSettings;
import dev.trackenricher.source.SourcesProperties;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The reprocess flags and REST fields: what each comes to, and each bad input refused naming its flag or field. */
class ReprocessFilterParserTest {

    static final String ID = "0b9f8a6e-4c1d-4f5e-9a7b-3c2d1e0f9a8b";
    static final String ID2 = "1c9f8a6e-4c1d-4f5e-9a7b-3c2d1e0f9a8b";

    final ReprocessFilterParser parser = new ReprocessFilterParser(sources("spotify", "musicbrainz", "discogs"),
            new ReprocessSettings(100, URI.create("http://localhost:8020"), Duration.ofSeconds(10),
                    new ReprocessSettings.Schedule(true, "0 0 2 * * *", 1000)), new ObjectMapper());

    @Test
    void noFlagsTakesFailedAndPartialUpToTheDefaultLimit() {
        ReprocessFilter f = parser.fromArgs(List.of());
        assertThat(f).isEqualTo(new ReprocessFilter(null, null, null, List.of(), null, null, 100, false, false));
        assertThat(parser.fromJson("")).isEqualTo(f);
        assertThat(parser.fromJson("{}")).isEqualTo(f);
    }

    @Test
    void everyFlag() {
        ReprocessFilter f = parser.fromArgs(List.of("--days", "7", "--start-date", "2025-10-01", "--end-date=2025-10-07",
                "--track-id", ID, "--track-id", ID2, "--track-id", ID, "--retriable-only", "--source", "Spotify", "--limit", "500",
                "--dry-run", "--trigger-now"));
        assertThat(f).isEqualTo(new ReprocessFilter(7, LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 7),
                List.of(UUID.fromString(ID), UUID.fromString(ID2)), true, "spotify", 500, true, true));
        assertThat(parser.fromArgs(List.of("--non-retriable-only")).retriable()).isFalse();
    }

    @Test
    void everyFieldInCamelOrSnakeCase() {
        ReprocessFilter camel = parser.fromJson("""
                {"days": 7, "startDate": "2025-10-01", "endDate": "2025-10-07", "trackIds": ["%s", "%s"], "retriableOnly": true,
                 "source": "spotify", "limit": 500, "dryRun": true, "triggerNow": true}""".formatted(ID, ID2));
        ReprocessFilter snake = parser.fromJson("""
                {"days": 7, "start_date": "2025-10-01", "end_date": "2025-10-07", "track_ids": ["%s", "%s"], "retriable_only": true,
                 "source": "spotify", "limit": 500, "dry_run": true, "trigger_now": true}""".formatted(ID, ID2));
        assertThat(camel).isEqualTo(snake).isEqualTo(new ReprocessFilter(7, LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 7),
                List.of(UUID.fromString(ID), UUID.fromString(ID2)), true, "spotify", 500, true, true));
        assertThat(parser.fromJson("{\"nonRetriableOnly\": true, \"dryRun\": false, \"days\": null}"))
                .isEqualTo(new ReprocessFilter(null, null, null, List.of(), false, null, 100, false, false));
    }

    @Test
    void badFlagsAreRefusedNamingTheFlag() {
        assertBadArgs("--retriable-only --non-retriable-only", "--retriable-only and --non-retriable-only exclude each other");
        assertBadArgs("--start-date 2025-02-30", "--start-date: 2025-02-30 is not a day of the calendar");
        assertBadArgs("--end-date 2025-13-01", "--end-date: 2025-13-01 is not a day of the calendar");
        assertBadArgs("--start-date 2025/10/01", "--start-date: \"2025/10/01\" is not a date in the form YYYY-MM-DD");
        assertBadArgs("--start-date 2025-10-1", "--start-date: \"2025-10-1\" is not a date");
        assertBadArgs("--start-date 2025-10-07 --end-date 2025-10-01", "--end-date: 2025-10-01 is before --start-date 2025-10-07");
        assertBadArgs("--days 0", "--days: must be a positive whole number, got 0");
        assertBadArgs("--days -3", "--days: must be a positive whole number, got -3");
        assertBadArgs("--days seven", "--days: \"seven\" is not a whole number");
        assertBadArgs("--days 100001", "--days: must be at most 100000");
        assertBadArgs("--limit 0", "--limit: must be a positive whole number, got 0");
        assertBadArgs("--limit -1", "--limit: must be a positive whole number, got -1");
        assertBadArgs("--limit 99999999999", "--limit: must be at most");
        assertBadArgs("--source tidal", "--source: unknown source \"tidal\"; configured: discogs, musicbrainz, spotify");
        assertBadArgs("--track-id 12345", "--track-id: \"12345\" is not a track id");
        assertBadArgs("--track-id " + ID + " --track-id 1-1-1-1-1", "--track-id: \"1-1-1-1-1\" is not a track id");
        assertBadArgs("--days", "--days: needs a value");
        assertBadArgs("--days --dry-run", "--days: needs a value");
        assertBadArgs("--days 3 --days 4", "--days: given more than once");
        assertBadArgs("--dry-run=yes", "--dry-run: takes no value");
        assertBadArgs("--everything", "unknown flag --everything");
        assertBadArgs("spotify", "unexpected argument \"spotify\"");
    }

    @Test
    void badFieldsAreRefusedNamingTheField() {
        assertBadJson("{\"retriableOnly\": true, \"non_retriable_only\": true}", "retriableOnly and non_retriable_only exclude each other");
        assertBadJson("{\"startDate\": \"2025-02-30\"}", "startDate: 2025-02-30 is not a day of the calendar");
        assertBadJson("{\"start_date\": \"2025-10-07\", \"end_date\": \"2025-10-01\"}", "end_date: 2025-10-01 is before start_date 2025-10-07");
        assertBadJson("{\"days\": 0}", "days: must be a positive whole number, got 0");
        assertBadJson("{\"days\": 1.5}", "days: must be a whole number, got 1.5");
        assertBadJson("{\"limit\": \"10\"}", "limit: must be a whole number, got \"10\"");
        assertBadJson("{\"limit\": -5}", "limit: must be a positive whole number, got -5");
        assertBadJson("{\"source\": \"tidal\"}", "source: unknown source \"tidal\"");
        assertBadJson("{\"trackIds\": [\"nope\"]}", "trackIds: \"nope\" is not a track id");
        assertBadJson("{\"trackIds\": [42]}", "trackIds: track ids are strings");
        assertBadJson("{\"dryRun\": \"yes\"}", "dryRun: must be true or false");
        assertBadJson("{\"dry\": true}", "dry: unknown field; known: days, startDate, endDate, trackIds");
        assertBadJson("{\"startDate\": \"2025-10-01\", \"start_date\": \"2025-10-02\"}", "start_date: given more than once");
        assertBadJson("[1]", "body: must be a JSON object");
        assertBadJson("{\"days\": ", "body: not valid JSON");
    }

    private void assertBadArgs(String args, String message) {
        assertThatThrownBy(() -> parser.fromArgs(List.of(args.split(" "))))
                .isInstanceOf(ReprocessInputException.class).hasMessageContaining(message);
    }

    private void assertBadJson(String body, String message) {
        assertThatThrownBy(() -> parser.fromJson(body)).isInstanceOf(ReprocessInputException.class).hasMessageContaining(message);
    }

    static SourcesProperties sources(String... names) {
        Map<String, SourceSettings> config = new TreeMap<>();
        for (String name : names) {
            config.put(name, new SourceSettings(true, null, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofSeconds(1),
                    Duration.ofSeconds(1), null, Duration.ofDays(1), Duration.ofDays(30), 10, null, null));
        }
        return new SourcesProperties(config, "ua");
    }
}
