package dev.trackenricher.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 240 real-world pairs (matching/real-world-pairs.tsv; where each side comes from is in its
 * provenance column and in matching/PROVENANCE.md): what a catalogue says, one hit as an API
 * answered it, and whether that hit may be taken. Each hit is given to the matcher the way its
 * source's client reads it (see {@link #candidate}): MusicBrainz its credited names, the artists'
 * names and sort-names, its disambiguation and {@code video} flag; Discogs the tracklist's artists
 * with their name variations; Last.fm without its duration (it never decides, see LastFmClient);
 * GetSongBPM without one (it has none).
 *
 * <p>It prints one line, {@code matching table: N rows, precision P, recall R, wrong matches W},
 * to this class's output (target/surefire-reports/…RealWorldMatchingTableTest-output.txt) and to
 * target/matching-table.txt. Wrong matches must be none; recall may not fall below {@link #RECALL_FLOOR}
 * (the rows it misses are transliterations and renames no text comparison can see: listed in the
 * failure message and the output).
 */
class RealWorldMatchingTableTest {

    /** What the matcher reaches today, less a little: a change that loses matches fails here. */
    static final double RECALL_FLOOR = 0.95;
    private static final ObjectMapper JSON = new ObjectMapper();

    final TrackMatcher matcher = new TrackMatcher(MatchSettings.defaults());

    record Row(int line, String artist, String title, Integer durationMs, String api, String apiArtist, String apiTitle,
               Integer apiDurationMs, Map<String, String> extra, boolean match, String reason) {

        String describe() {
            return "line " + line + " [" + api + "] " + artist + " – " + title + "  vs  " + apiArtist + " – " + apiTitle
                    + " (" + reason + ")";
        }
    }

    @Test
    @DisplayName("matching table: every real-world pair; prints precision, recall and wrong matches")
    void realWorldPairs() throws IOException {
        List<Row> rows = rows();
        List<Row> wrong = new ArrayList<>();
        List<Row> missed = new ArrayList<>();
        int truePositives = 0;
        for (Row row : rows) {
            boolean taken = matcher.decide(new MatchQuery(row.artist, row.title, row.durationMs), List.of(candidate(row))).taken().isPresent();
            if (taken && row.match) {
                truePositives++;
            } else if (taken) {
                wrong.add(row);
            } else if (row.match) {
                missed.add(row);
            }
        }
        double precision = truePositives + wrong.size() == 0 ? 1.0 : (double) truePositives / (truePositives + wrong.size());
        double recall = (double) truePositives / (truePositives + missed.size());
        String line = String.format(Locale.ROOT, "matching table: %d rows, precision %.3f, recall %.3f, wrong matches %d",
                rows.size(), precision, recall, wrong.size());
        StringBuilder report = new StringBuilder(line).append('\n');
        wrong.forEach(r -> report.append("  WRONG  ").append(r.describe()).append('\n'));
        missed.forEach(r -> report.append("  missed ").append(r.describe()).append('\n'));
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "matching-table.txt"), report);

        assertThat(rows).as("the table's size").hasSizeGreaterThanOrEqualTo(150);
        assertThat(rows.stream().filter(Row::match).count()).as("must-match rows").isGreaterThanOrEqualTo(100);
        assertThat(rows.stream().filter(r -> !r.match).count()).as("near-miss rows").isGreaterThanOrEqualTo(100);
        assertThat(wrong).as(report.toString()).isEmpty();
        assertThat(recall).as(report.toString()).isGreaterThanOrEqualTo(RECALL_FLOOR);
    }

    /** The hit as its source's client hands it to the matcher. */
    static Candidate<String> candidate(Row row) {
        List<String> artists = new ArrayList<>();
        List<String> otherNames = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Integer duration = row.apiDurationMs;
        switch (row.api) {
            case "musicbrainz" -> {
                // artist-credit[]: the credited name; the artist's own name and sort-name name the same artist
                for (JsonNode c : json(row.extra.get("credit"))) {
                    artists.add(c.get(0).asText());
                    otherNames.add(c.get(2).asText());
                    otherNames.add(c.get(3).asText());
                }
                if (row.extra.containsKey("disambiguation")) {
                    notes.add(row.extra.get("disambiguation"));
                }
                if ("true".equals(row.extra.get("video"))) {
                    notes.add(Candidate.VIDEO);
                }
            }
            case "discogs" -> {
                // the track's own artists when the release names them, else the release's; an ANV names the same artist
                String credit = row.extra.containsKey("track artists") ? row.extra.get("track artists") : row.extra.get("release artists");
                for (JsonNode a : json(credit)) {
                    artists.add(a.get(0).asText());
                    if (!a.get(1).asText().isEmpty()) {
                        otherNames.add(a.get(1).asText());
                    }
                }
            }
            // the artists array, as the table joined it
            case "spotify" -> artists.addAll(Arrays.asList(row.apiArtist.split(", ")));
            case "lastfm", "getsongbpm" -> {
                artists.add(row.apiArtist);
                duration = null;
            }
            default -> throw new IllegalArgumentException("unknown api " + row.api);
        }
        return new Candidate<>("line " + row.line, artists, row.apiTitle, duration, otherNames, notes);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = RealWorldMatchingTableTest.class.getResourceAsStream("/matching/real-world-pairs.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<String> header = Arrays.asList(lines[0].split("\t"));
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] f = lines[i].split("\t", -1);
                Map<String, String> col = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    col.put(header.get(c), f[c]);
                }
                String expected = col.get("expected");
                if (!expected.equals("match") && !expected.equals("no_match")) {
                    throw new IllegalStateException("line " + (i + 1) + ": expected is " + expected);
                }
                rows.add(new Row(i + 1, col.get("catalogue_artist"), col.get("catalogue_title"), number(col.get("catalogue_duration_ms")),
                        col.get("api"), col.get("api_artist"), col.get("api_title"), number(col.get("api_duration_ms")),
                        extra(col.get("api_extra")), expected.equals("match"), col.get("reason")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Integer number(String s) {
        return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
    }

    /** "key=value; key=value": values are read up to the next "; " that starts another key. */
    static Map<String, String> extra(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split("; (?=[a-z][a-z ]*=)")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return out;
    }
}
