package dev.trackenricher.music;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** International Standard Recording Codes: two letters, three letters or digits, seven digits. */
public final class Isrc {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");
    private static final Pattern FORM = Pattern.compile("[A-Z]{2}[A-Z0-9]{3}[0-9]{7}");

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
}
