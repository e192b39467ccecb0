package dev.trackenricher.track;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;

/**
 * Imports {@code artist_name,title[,isrc,spotify_id,duration_ms]} CSV (header row first, UTF-8).
 * All or nothing: one bad row rejects the file, naming each bad line and field. The other columns
 * of an export ({@link ExportColumns#EXPORT_ONLY}: id, bpm, genres, …) are skipped, so an exported
 * file imports as it is; any other column is refused (a misspelt one must not be dropped silently).
 */
@Component
public class CsvTrackImporter {

    private final TrackRepository tracks;

    public CsvTrackImporter(TrackRepository tracks) {
        this.tracks = tracks;
    }

    public record Result(List<java.util.UUID> ids, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public Result importFile(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(file), decoder)) {
            return importFrom(reader);
        } catch (CharacterCodingException e) {
            return new Result(List.of(), List.of(file + ": not UTF-8 text"));
        }
    }

    public Result importFrom(Reader reader) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setTrim(false).get();
        List<String> errors = new ArrayList<>();
        List<NewTrack> parsed = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            for (String column : header) {
                if (!TrackValidator.FIELDS.contains(column) && !ExportColumns.EXPORT_ONLY.contains(column)) {
                    errors.add("header: unknown column \"" + column + "\" (expected " + String.join(",", TrackValidator.FIELDS) + ")");
                }
            }
            if (!header.contains("artist_name") || !header.contains("title")) {
                errors.add("header: must name the columns artist_name and title");
            }
            if (!errors.isEmpty()) {
                return new Result(List.of(), errors);
            }
            for (CSVRecord row : parser) {
                String where = "line " + parser.getCurrentLineNumber() + ", ";
                if (!row.isConsistent()) {
                    errors.add(where + "has " + row.size() + " fields; the header has " + header.size());
                    continue;
                }
                Map<String, String> values = row.toMap();
                int before = errors.size();
                String artist = TrackValidator.requiredText(where, "artist_name", values.get("artist_name"), errors);
                String title = TrackValidator.requiredText(where, "title", values.get("title"), errors);
                String isrc = TrackValidator.isrc(where, values.get("isrc"), errors);
                String spotifyId = TrackValidator.spotifyId(where, values.get("spotify_id"), errors);
                Integer duration = TrackValidator.durationMs(where, number(where, values.get("duration_ms"), errors), errors);
                if (errors.size() == before) {
                    parsed.add(new NewTrack(artist, title, isrc, spotifyId, duration));
                }
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            errors.add("not readable as CSV: " + e.getMessage());
        }
        if (errors.isEmpty() && parsed.isEmpty()) {
            errors.add("no tracks in the file");
        }
        if (!errors.isEmpty()) {
            return new Result(List.of(), errors);
        }
        return new Result(tracks.insertAll(parsed), List.of());
    }

    private static Long number(String where, String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            errors.add(where + "duration_ms: \"" + TrackValidator.shorten(value) + "\" is not a whole number of milliseconds");
            return null;
        }
    }
}
