package dev.trackenricher.track;

import dev.trackenricher.music.Isrc;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules a new track must meet, whatever it arrives in (REST JSON, CSV). Each problem becomes a
 * message naming where it is and which field: {@code tracks[3].isrc: …}, {@code line 5, isrc: …}.
 * Text is kept as given (only trimmed), never truncated: too long is an error.
 */
public final class TrackValidator {

    public static final int MAX_TEXT = 1000;
    public static final int MAX_DURATION_MS = 24 * 60 * 60 * 1000;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cs}\\x{FFFE}\\x{FFFF}]");
    private static final Pattern SPOTIFY_ID = Pattern.compile("[0-9A-Za-z]{22}");
    public static final List<String> FIELDS = List.of("artist_name", "title", "isrc", "spotify_id", "duration_ms");

    private TrackValidator() {
    }

    /** Checks a required text field; the trimmed text, or null after adding an error. */
    static String requiredText(String where, String field, String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            errors.add(where + field + ": is required");
            return null;
        }
        return text(where, field, value, errors);
    }

    static String optionalText(String where, String field, String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return text(where, field, value, errors);
    }

    private static String text(String where, String field, String value, List<String> errors) {
        String v = value.strip();
        if (v.length() > MAX_TEXT) {
            errors.add(where + field + ": is " + v.length() + " characters long; at most " + MAX_TEXT + " are allowed");
            return null;
        }
        if (CONTROL.matcher(v).find()) {
            errors.add(where + field + ": contains a control character");
            return null;
        }
        return v;
    }

    public static String isrc(String where, String value, List<String> errors) {
        String v = optionalText(where, "isrc", value, errors);
        if (v == null) {
            return null;
        }
        Optional<String> isrc = Isrc.parse(v);
        if (isrc.isEmpty()) {
            errors.add(where + "isrc: \"" + shorten(v) + "\" is not an ISRC (CC-XXX-YY-NNNNN: 2 letters, 3 letters or digits, 2 digits, 5 digits; hyphens allowed)");
            return null;
        }
        return isrc.get();
    }

    public static String spotifyId(String where, String value, List<String> errors) {
        String v = optionalText(where, "spotify_id", value, errors);
        if (v == null) {
            return null;
        }
        if (v.startsWith("spotify:track:")) {
            v = v.substring("spotify:track:".length());
        }
        if (!SPOTIFY_ID.matcher(v).matches()) {
            errors.add(where + "spotify_id: \"" + shorten(v) + "\" is not a Spotify track id (22 letters and digits)");
            return null;
        }
        return v;
    }

    static Integer durationMs(String where, Long value, List<String> errors) {
        if (value == null) {
            return null;
        }
        if (value <= 0 || value > MAX_DURATION_MS) {
            errors.add(where + "duration_ms: " + value + " is out of range (1 to " + MAX_DURATION_MS + ")");
            return null;
        }
        return value.intValue();
    }

    static String shorten(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }
}
