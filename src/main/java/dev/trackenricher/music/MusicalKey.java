package dev.trackenricher.music;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key as pitch class (0 = C … 11 = B) and mode, with its Camelot and Open Key positions on the
 * standard wheel (A minor = 8A = 1m, C major = 8B = 1d).
 */
public record MusicalKey(int pitchClass, boolean minor) {

    private static final String[] MAJOR_NAMES = {"C", "D♭", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"};
    private static final String[] MINOR_NAMES = {"C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "G♯", "A", "B♭", "B"};
    private static final Pattern NOTATION = Pattern.compile(
            "^\\s*([A-Ga-g])\\s*(#|♯|b|♭|sharp|flat)?\\s*(m|min|minor|maj|major)?\\s*$");

    public MusicalKey {
        if (pitchClass < 0 || pitchClass > 11) {
            throw new IllegalArgumentException("pitch class out of range: " + pitchClass);
        }
    }

    /** Spotify's numeric key (0–11, -1 for none) and mode (1 major, 0 minor). */
    public static Optional<MusicalKey> fromSpotify(Integer key, Integer mode) {
        if (key == null || mode == null || key < 0 || key > 11 || (mode != 0 && mode != 1)) {
            return Optional.empty();
        }
        return Optional.of(new MusicalKey(key, mode == 0));
    }

    /** A note name and a scale word, as AcousticBrainz gives them ("A", "minor"). */
    public static Optional<MusicalKey> fromNameAndScale(String note, String scale) {
        if (note == null || scale == null) {
            return Optional.empty();
        }
        String s = scale.trim().toLowerCase(Locale.ROOT);
        if (!s.equals("major") && !s.equals("minor")) {
            return Optional.empty();
        }
        return parse(note + (s.equals("minor") ? "m" : ""));
    }

    /** Key notation such as "Em", "F♯m", "Bb", "C#", "A minor", "Db major". */
    public static Optional<MusicalKey> parse(String notation) {
        if (notation == null) {
            return Optional.empty();
        }
        Matcher m = NOTATION.matcher(notation);
        if (!m.matches()) {
            return Optional.empty();
        }
        int pc = switch (Character.toUpperCase(m.group(1).charAt(0))) {
            case 'C' -> 0;
            case 'D' -> 2;
            case 'E' -> 4;
            case 'F' -> 5;
            case 'G' -> 7;
            case 'A' -> 9;
            default -> 11;
        };
        String accidental = m.group(2);
        if (accidental != null) {
            pc += switch (accidental) {
                case "#", "♯", "sharp" -> 1;
                default -> -1;
            };
        }
        String mode = m.group(3);
        boolean minor = mode != null && (mode.equals("m") || mode.startsWith("min"));
        return Optional.of(new MusicalKey(Math.floorMod(pc, 12), minor));
    }

    /**
     * A key in any notation a source or a catalogue writes: a name ("F♯m", "F#m", "Gbm", "F♯ minor",
     * "Db major"), a Camelot position ("11A") or an Open Key one ("4m"). Spotify's numbers are read by
     * {@link #fromSpotify}, AcousticBrainz's note and scale by {@link #fromNameAndScale}.
     */
    public static Optional<MusicalKey> read(String anyNotation) {
        return parse(anyNotation).or(() -> fromCamelot(anyNotation)).or(() -> fromOpenKey(anyNotation));
    }

    /** A Camelot position such as "8A" or "12B". */
    public static Optional<MusicalKey> fromCamelot(String camelot) {
        Matcher m = camelot == null ? null : Pattern.compile("^\\s*(1[0-2]|[1-9])\\s*([ABab])\\s*$").matcher(camelot);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(fromWheel(Integer.parseInt(m.group(1)), m.group(2).equalsIgnoreCase("A")));
    }

    /** An Open Key position such as "1m" (A minor) or "8d" (G♭ major), as GetSongBPM gives it. */
    public static Optional<MusicalKey> fromOpenKey(String openKey) {
        Matcher m = openKey == null ? null : Pattern.compile("^\\s*(1[0-2]|[1-9])\\s*([dmDM])\\s*$").matcher(openKey);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        int wheel = Math.floorMod(Integer.parseInt(m.group(1)) + 6, 12) + 1;
        return Optional.of(fromWheel(wheel, m.group(2).equalsIgnoreCase("m")));
    }

    private static MusicalKey fromWheel(int wheel, boolean minor) {
        // inverse of wheelNumber(): 7 is its own inverse modulo 12
        int major = Math.floorMod(7 * (wheel - 8), 12);
        return new MusicalKey(minor ? Math.floorMod(major - 3, 12) : major, minor);
    }

    /** "A minor", "D♭ major". */
    public String name() {
        return minor ? MINOR_NAMES[pitchClass] + " minor" : MAJOR_NAMES[pitchClass] + " major";
    }

    /** Camelot wheel position: 1–12 with A (minor) or B (major). */
    public String camelot() {
        return wheelNumber() + (minor ? "A" : "B");
    }

    /** Open Key notation: 1–12 with m (minor) or d (major); C major = 1d, A minor = 1m. */
    public String openKey() {
        return (Math.floorMod(wheelNumber() - 8, 12) + 1) + (minor ? "m" : "d");
    }

    private int wheelNumber() {
        // Camelot numbers walk the circle of fifths; C major sits at 8, and a minor key shares the
        // number of its relative major (three semitones up).
        int major = minor ? (pitchClass + 3) % 12 : pitchClass;
        return (7 * major % 12 + 7) % 12 + 1;
    }
}
