package dev.trackenricher.match;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reduces a title or artist name to what identifies it: transliterated to Latin and stripped of
 * diacritics (ICU), lower case, "&" and "+" read as "and" ("Florence + the Machine"), "×" as "x"
 * ("BLACKPINK × Selena Gomez"; the transliterator would drop it), apostrophes
 * and dots dropped so that "R.E.M." is "rem" and "Stayin'" is "stayin", other punctuation read as a
 * space, "'n'" read as "and", a leading "The" (or a trailing ", The", as Discogs sorts) dropped.
 */
public final class TextNormalizer {

    // ICU transliterators are thread-safe once built and costly to build: one per JVM.
    private static final Transliterator TO_ASCII = Transliterator.getInstance("Any-Latin; Latin-ASCII");
    private static final Pattern AMPERSAND = Pattern.compile("\\s*(&|\\+)\\s*");
    private static final Pattern TIMES = Pattern.compile("\\s*×\\s*");
    private static final Pattern DROPPED = Pattern.compile("['.`]");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern N_FOR_AND = Pattern.compile("(?<= )n(?= )");
    private static final Pattern TRAILING_THE = Pattern.compile(",\\s*the\\s*$");
    private static final Pattern LEADING_THE = Pattern.compile("^the ");

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        // transliteration is the costly step and changes nothing in plain ASCII (most names)
        String ascii = isAscii(text) ? text : TO_ASCII.transliterate(TIMES.matcher(text).replaceAll(" x "));
        String s = ascii.toLowerCase(Locale.ROOT).trim();
        s = TRAILING_THE.matcher(s).replaceFirst("");
        s = AMPERSAND.matcher(s).replaceAll(" and ");
        s = DROPPED.matcher(s).replaceAll("");
        s = NON_ALNUM.matcher(s).replaceAll(" ").trim();
        s = N_FOR_AND.matcher(s).replaceAll("and");
        s = LEADING_THE.matcher(s).replaceFirst("");
        return s;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The normalized text without spaces: "ac dc" and "acdc", "st petersburg" and "stpetersburg" meet here. */
    public static String compact(String normalized) {
        return normalized.replace(" ", "");
    }
}
