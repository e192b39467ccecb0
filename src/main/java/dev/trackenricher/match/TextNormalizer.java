package dev.trackenricher.match;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reduces a title or artist name to what identifies it: transliterated to Latin and stripped of
 * diacritics (ICU), lower case, "&" read as "and", punctuation gone, a leading "The" dropped.
 */
public final class TextNormalizer {

    // ICU transliterators are thread-safe once built and costly to build: one per JVM.
    private static final Transliterator TO_ASCII = Transliterator.getInstance("Any-Latin; Latin-ASCII");
    private static final Pattern AMPERSAND = Pattern.compile("\\s*(&|\\+)\\s*");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern LEADING_THE = Pattern.compile("^the ");

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = TO_ASCII.transliterate(text).toLowerCase(Locale.ROOT);
        s = AMPERSAND.matcher(s).replaceAll(" and ");
        s = s.replace("'", "");
        s = NON_ALNUM.matcher(s).replaceAll(" ").trim();
        s = LEADING_THE.matcher(s).replaceFirst("");
        return s;
    }
}
