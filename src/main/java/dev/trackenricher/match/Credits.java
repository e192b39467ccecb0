package dev.trackenricher.match;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An artist credit read as the names it joins. "A feat. B", "A ft. B", "A featuring B", "A with B",
 * "A duet with B" credit guests; "A &amp; B", "A and B", "A, B", "A / B", "A x B", "A × B", "A vs. B",
 * "A Presents B", "A Meets B" credit equals. Catalogues mark duplicates and sort forms in names:
 * Discogs's "Care Company (2)" and "Madonna*", "Persuader, The" (read as "The Persuader").
 */
final class Credits {

    private static final Pattern GUESTS = Pattern.compile("\\s+(?:feat\\.?|ft\\.?|featuring|duet with|with)\\s+", Pattern.CASE_INSENSITIVE);
    /** "x" and "/" only between spaces: "Malcolm X", "AC/DC" are one name. */
    private static final Pattern EQUALS = Pattern.compile(
            "\\s*(?:,|&|\\+|×)\\s*|\\s+(?:and|x|/|vs\\.?|versus|presents|meets)\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern DUPLICATE_NUMBER = Pattern.compile("\\s*\\(\\d+\\)\\s*$");
    private static final Pattern VARIATION_MARK = Pattern.compile("\\*+\\s*$");
    private static final Pattern SORT_FORM = Pattern.compile("^([^,]+),\\s*([^,]+)$");
    /** "Persuader, The": an article put last to sort by, not a second name. */
    private static final Pattern ARTICLE_LAST = Pattern.compile("^(.+),\\s*(the|a|an)$", Pattern.CASE_INSENSITIVE);

    /** The credit's main names and its guests, as written (cleaned of duplicate numbers), in order. */
    record Parsed(List<String> main, List<String> guests) {
    }

    private Credits() {
    }

    /** A name without Discogs's duplicate number or name-variation mark: "Care Company (2)" → "Care Company". */
    static String clean(String name) {
        String n = name == null ? "" : name.trim();
        n = VARIATION_MARK.matcher(n).replaceFirst("");
        n = DUPLICATE_NUMBER.matcher(n).replaceFirst("").trim();
        Matcher article = ARTICLE_LAST.matcher(n);
        return article.matches() ? article.group(2) + " " + article.group(1) : n;
    }

    static Parsed parse(String credit) {
        String c = clean(credit);
        String[] mainAndGuests = GUESTS.split(c, 2);
        List<String> main = split(mainAndGuests[0]);
        List<String> guests = mainAndGuests.length > 1 ? split(mainAndGuests[1]) : List.of();
        return new Parsed(main.isEmpty() ? List.of(c) : main, guests);
    }

    private static List<String> split(String names) {
        List<String> out = new ArrayList<>();
        for (String n : EQUALS.split(names)) {
            String cleaned = clean(n);
            if (!cleaned.isEmpty()) {
                out.add(cleaned);
            }
        }
        return out;
    }

    /** The credit without its guests: "Daft Punk feat. Pharrell Williams" → "Daft Punk". */
    static String withoutGuests(String credit) {
        String c = clean(credit);
        Matcher m = GUESTS.matcher(c);
        return m.find() ? c.substring(0, m.start()).trim() : c;
    }

    /**
     * Another name of an artist as a catalogue keeps it, in the forms it is written: a sort-name
     * "Amuro, Namie" is also "Namie Amuro"; "[unknown]" names nobody.
     */
    static Set<String> otherNameForms(String name) {
        Set<String> forms = new LinkedHashSet<>();
        String n = clean(name);
        if (n.isEmpty() || (n.startsWith("[") && n.endsWith("]"))) {
            return forms;
        }
        forms.add(TextNormalizer.normalize(n));
        Matcher sort = SORT_FORM.matcher(n);
        if (sort.matches()) {
            forms.add(TextNormalizer.normalize(sort.group(2) + " " + sort.group(1)));
        }
        forms.remove("");
        return forms;
    }
}
