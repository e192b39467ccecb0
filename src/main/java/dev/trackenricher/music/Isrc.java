package dev.trackenricher.music;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * International Standard Recording Codes, {@code CC-XXX-YY-NNNNN}: a two-letter country code,
 * three letters or digits (the registrant), two digits (the year) and five digits (the designation).
 */
public final class Isrc {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");
    private static final Pattern FORM = Pattern.compile("[A-Z]{2}[A-Z0-9]{3}[0-9]{2}[0-9]{5}");
    /** Where the registrant code is: the only place a letter may stand for a digit and still pass {@link #FORM}. */
    private static final int REGISTRANT_FROM = 2;
    private static final int REGISTRANT_TO = 5;

    private Isrc() {
    }

    /** ISRCs come hyphenated or in lower case (GB-SMU-45-66095): the 12 upper-case characters, or empty if not an ISRC. */
    public static Optional<String> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = SEPARATORS.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
        return FORM.matcher(s).matches() ? Optional.of(s) : Optional.empty();
    }

    /**
     * The valid ISRCs of a list, in order, without duplicates and without a code that is another one
     * of the list typed with the letter O for a zero: MusicBrainz lists {@code JPTFO0100101} before
     * {@code JPTF00100101} for one recording. Such a twin passes the form (a registrant may hold
     * letters), so only its valid twin beside it gives it away.
     */
    public static List<String> preferred(List<String> raw) {
        List<String> valid = new ArrayList<>();
        for (String r : raw) {
            parse(r).filter(c -> !valid.contains(c)).ifPresent(valid::add);
        }
        List<String> out = new ArrayList<>();
        for (String code : valid) {
            if (valid.stream().noneMatch(other -> isLetterOTwinOf(code, other))) {
                out.add(code);
            }
        }
        return out;
    }

    /** {@code code} is {@code other} with one or more of its registrant's zeros typed as the letter O. */
    static boolean isLetterOTwinOf(String code, String other) {
        if (code.equals(other) || code.length() != other.length()) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char a = code.charAt(i);
            char b = other.charAt(i);
            if (a != b && !(i >= REGISTRANT_FROM && i < REGISTRANT_TO && a == 'O' && b == '0')) {
                return false;
            }
        }
        return true;
    }
}
