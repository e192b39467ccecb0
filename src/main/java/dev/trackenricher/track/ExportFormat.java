package dev.trackenricher.track;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an export is written as. */
public enum ExportFormat {
    /** RFC 4180 with a header row; its first columns are the import's (artist_name, title, isrc, spotify_id, duration_ms) */
    CSV("text/csv;charset=utf-8", "csv"),
    /** one JSON object per line (JSON Lines), lists as arrays and numbers as numbers */
    JSONL("application/x-ndjson", "jsonl");

    public final String contentType;
    public final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the formats there are */
    public static ExportFormat parse(String name) {
        for (ExportFormat f : values()) {
            if (f.wireName().equals(name == null ? "" : name.strip().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not a format ("
                + Arrays.stream(values()).map(ExportFormat::wireName).collect(Collectors.joining(", ")) + ")");
    }
}
