package dev.trackenricher.curation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.music.MusicalKey;
import dev.trackenricher.music.Tempo;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.track.TrackValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The fields a person may set on a track ({@code PATCH /tracks/{id}}), each with its rule: the
 * identifiers the sources are asked by, and merged fields. A value that breaks the rule is an error
 * naming the field; a valid one is returned in the form the sources give it (an ISRC in capitals, a
 * key as "A minor", a tempo to 0.1 BPM).
 */
public enum CorrectableField {
    ISRC("isrc"),
    SPOTIFY_ID("spotify_id"),
    MUSICBRAINZ_ID("musicbrainz_id"),
    DISCOGS_RELEASE_ID("discogs_release_id"),
    BPM("bpm"),
    KEY("key"),
    GENRES("genres"),
    STYLES("styles"),
    LASTFM_TAGS("lastfm_tags"),
    LABEL("label"),
    ALBUM("album"),
    YEAR("year");

    /** A tempo at or above this is no tempo a track has (a typo, or milliseconds). */
    static final double MAX_BPM = 1000;
    static final int MAX_LIST = 100;
    static final int FIRST_YEAR = 1800;
    static final int LAST_YEAR = 2999;
    /** Derived from another field: set that one instead. */
    static final List<String> DERIVED = List.of("camelot_key", "open_key");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cs}]");

    private final String field;

    CorrectableField(String field) {
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** An identifier a source is asked by (a correction makes the sources that depend on it due again). */
    public boolean identifier() {
        return SourceRequest.CURATED_ID_FIELDS.contains(field);
    }

    /** A catalogue column too ({@code tracks.isrc}, {@code tracks.spotify_id}). */
    public boolean catalogueColumn() {
        return this == ISRC || this == SPOTIFY_ID;
    }

    public static Optional<CorrectableField> named(String name) {
        return Arrays.stream(values()).filter(f -> f.field.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(CorrectableField::field).toList();
    }

    /** Why a field name is not one a person may set. */
    static String unknown(String name) {
        if (DERIVED.contains(name)) {
            return name + ": is derived from key; set key instead";
        }
        return name + ": unknown field (a person may set " + String.join(", ", names()) + ")";
    }

    /** The value, in the sources' form; null after adding an error naming the field. */
    Object read(JsonNode v, List<String> errors) {
        if (v == null || v.isNull()) {
            errors.add(field + ": must have a value; to give the field back to the sources, DELETE /tracks/{id}/locks/" + field);
            return null;
        }
        return switch (this) {
            case ISRC -> text(v, errors).map(t -> TrackValidator.isrc("", t, errors)).orElse(null);
            case SPOTIFY_ID -> text(v, errors).map(t -> TrackValidator.spotifyId("", t, errors)).orElse(null);
            case MUSICBRAINZ_ID -> text(v, errors).map(t -> mbid(t, errors)).orElse(null);
            case DISCOGS_RELEASE_ID -> whole(v, 1, Long.MAX_VALUE, "a Discogs release id (a positive whole number)", errors);
            case BPM -> bpm(v, errors);
            case KEY -> text(v, errors).map(t -> key(t, errors)).orElse(null);
            case GENRES, STYLES, LASTFM_TAGS -> list(v, errors);
            case LABEL, ALBUM -> text(v, errors).orElse(null);
            case YEAR -> whole(v, FIRST_YEAR, LAST_YEAR, "a year (" + FIRST_YEAR + " to " + LAST_YEAR + ")", errors);
        };
    }

    private Optional<String> text(JsonNode v, List<String> errors) {
        if (!v.isTextual()) {
            errors.add(field + ": must be a string, got " + v.getNodeType().name().toLowerCase(Locale.ROOT));
            return Optional.empty();
        }
        return checkedText(v.asText(), field, errors);
    }

    private static Optional<String> checkedText(String raw, String where, List<String> errors) {
        String t = raw.strip();
        if (t.isEmpty()) {
            errors.add(where + ": is empty");
            return Optional.empty();
        }
        if (t.length() > TrackValidator.MAX_TEXT) {
            errors.add(where + ": is " + t.length() + " characters long; at most " + TrackValidator.MAX_TEXT + " are allowed");
            return Optional.empty();
        }
        if (CONTROL.matcher(t).find()) {
            errors.add(where + ": contains a control character");
            return Optional.empty();
        }
        return Optional.of(t);
    }

    private String mbid(String t, List<String> errors) {
        try {
            UUID id = UUID.fromString(t);
            if (id.toString().equalsIgnoreCase(t)) {
                return id.toString();
            }
        } catch (IllegalArgumentException notOne) {
            // said below
        }
        errors.add(field + ": \"" + shorten(t) + "\" is not a MusicBrainz id (a UUID, 8-4-4-4-12 hex digits)");
        return null;
    }

    private Long whole(JsonNode v, long min, long max, String what, List<String> errors) {
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            errors.add(field + ": must be " + what + ", got " + shorten(v.toString()));
            return null;
        }
        return v.asLong();
    }

    private Double bpm(JsonNode v, List<String> errors) {
        Optional<Double> tempo = v.isNumber() && v.asDouble() < MAX_BPM ? Tempo.bpm(v.asDouble()) : Optional.empty();
        if (tempo.isEmpty()) {
            errors.add(field + ": must be a tempo in beats per minute, above 0 and below " + (int) MAX_BPM + ", got " + shorten(v.toString()));
            return null;
        }
        return tempo.get();
    }

    private String key(String t, List<String> errors) {
        Optional<MusicalKey> key = MusicalKey.parse(t).or(() -> MusicalKey.fromCamelot(t)).or(() -> MusicalKey.fromOpenKey(t));
        if (key.isEmpty()) {
            errors.add(field + ": \"" + shorten(t) + "\" is no key notation (e.g. \"A minor\", \"F#m\", \"Bb\", Camelot \"8A\", Open Key \"1m\")");
            return null;
        }
        return key.get().name();
    }

    private List<String> list(JsonNode v, List<String> errors) {
        if (!v.isArray()) {
            errors.add(field + ": must be an array of strings, got " + v.getNodeType().name().toLowerCase(Locale.ROOT));
            return null;
        }
        if (v.size() > MAX_LIST) {
            errors.add(field + ": holds " + v.size() + " values; at most " + MAX_LIST);
            return null;
        }
        int before = errors.size();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String where = field + "[" + i + "]";
            if (!item.isTextual()) {
                errors.add(where + ": must be a string, got " + item.getNodeType().name().toLowerCase(Locale.ROOT));
                continue;
            }
            checkedText(item.asText(), where, errors).filter(t -> !out.contains(t)).ifPresent(out::add);
        }
        return errors.size() == before ? List.copyOf(out) : null;
    }

    private static String shorten(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }
}
