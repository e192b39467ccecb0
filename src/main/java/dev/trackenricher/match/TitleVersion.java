package dev.trackenricher.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A title split into its core and its version markers, read from brackets and from " - …" parts.
 * Markers that name the same recording (remaster, radio edit, album version, …) are kept apart from
 * those that name a different one (remix, live, acoustic, cover, …), and featured artists
 * ("feat. X") are lifted out. A bracket that is neither, such as "(I Can't Get No)", stays part of
 * the core: it is what the title says.
 */
public record TitleVersion(String core, Set<String> differentRecording, Set<String> sameRecording, List<String> featured) {

    private static final Pattern BRACKETED = Pattern.compile("[(\\[{]([^()\\[\\]{}]*)[)\\]}]");
    private static final Pattern DASH = Pattern.compile("\\s+[-–—]\\s+");
    private static final Pattern FEATURING = Pattern.compile("^(feat|ft|featuring|with)\\b\\.?\\s*(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FEAT_INLINE = Pattern.compile("\\s+(feat|ft|featuring)\\.?\\s+(.+)$", Pattern.CASE_INSENSITIVE);

    /** Whole-marker patterns (on normalized text) for versions that are the same recording as the plain title. */
    private static final List<Pattern> SAME = List.of(
            // "Remastered", "2011 Remaster", "Remastered 2009", "2009 Digital Remaster", "Remastered Version"
            Pattern.compile("^(\\d{4} )?(digital(ly)? )?remaster(ed)?( \\d{4})?( digital)?( version| edition| mix)?( \\d{4})?$"),
            // "Radio Edit", "Single Version", "Album Version", "7 Inch Edit", "Edit", "Short Version"
            Pattern.compile("^((radio|single|album|lp|short|main|7|7 inch|12|12 inch) )?(edit|version|mix|cut)$"),
            Pattern.compile("^original( mix| version| edit)?$"),
            Pattern.compile("^(extended|long)( mix| version| edit)?$"),
            Pattern.compile("^(explicit|clean|dirty)( version| edit)?$"),
            Pattern.compile("^(mono|stereo)( version| mix)?$"),
            Pattern.compile("^(bonus track|deluxe|deluxe edition|deluxe version)$"),
            // "From "Despicable Me 2"", "From the Motion Picture …"
            Pattern.compile("^from .+$"));
    /** Words that, anywhere in a marker, make it a different recording. */
    private static final Pattern DIFFERENT_WORD = Pattern.compile("\\b(remix|remixed|rmx|live|acoustic|unplugged|instrumental|cover"
            + "|karaoke|vip|bootleg|re ?recorded|re ?recording|demo|taylors version|a ?cappella|acapella|orchestral|stripped"
            + "|dub|slowed|sped up|nightcore|reprise|session|sessions|rehearsal|medley|mashup|tribute|in the style of)\\b");
    /** "Skrillex Remix", "Dimitri From Paris Edit", "Spanish Version": a version naming someone or something. */
    private static final Pattern NAMED_VERSION = Pattern.compile("^(.+) (mix|edit|dub|rework|flip|version|refix|bootleg|vip)$");

    public static TitleVersion parse(String title) {
        List<String> markers = new ArrayList<>();
        String rest = title == null ? "" : title;
        Matcher m = BRACKETED.matcher(rest);
        StringBuilder core = new StringBuilder();
        while (m.find()) {
            markers.add(m.group(1));
            m.appendReplacement(core, " ");
        }
        m.appendTail(core);
        rest = core.toString();
        String[] dashParts = DASH.split(rest, -1);
        StringBuilder kept = new StringBuilder(dashParts[0]);
        for (int i = 1; i < dashParts.length; i++) {
            if (kind(TextNormalizer.normalize(dashParts[i])) != Kind.OTHER || isFeaturing(dashParts[i])) {
                markers.add(dashParts[i]);
            } else {
                kept.append(" - ").append(dashParts[i]);
            }
        }
        rest = kept.toString();
        List<String> featured = new ArrayList<>();
        Matcher inline = FEAT_INLINE.matcher(rest);
        if (inline.find()) {
            featured.add(inline.group(2).trim());
            rest = rest.substring(0, inline.start());
        }
        Set<String> different = new TreeSet<>();
        Set<String> same = new TreeSet<>();
        for (String marker : markers) {
            Matcher f = FEATURING.matcher(marker.trim());
            if (f.matches()) {
                featured.add(f.group(2).trim());
                continue;
            }
            String norm = TextNormalizer.normalize(marker);
            switch (kind(norm)) {
                case SAME -> same.add(norm);
                case DIFFERENT -> different.add(norm);
                // an unknown bracket (e.g. "(Part 2)", "(I Can't Get No)") is part of what the title says
                default -> rest = rest + " " + marker;
            }
        }
        return new TitleVersion(TextNormalizer.normalize(rest), different, same, featured);
    }

    /**
     * The title as a search term: featured artists taken out ("Get Lucky (feat. Pharrell Williams)"
     * is catalogued as "Get Lucky" by most APIs), version markers kept (a remix must find the remix).
     */
    public static String searchable(String title) {
        if (title == null) {
            return "";
        }
        Matcher m = BRACKETED.matcher(title);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(isFeaturing(m.group(1)) ? " " : m.group()));
        }
        m.appendTail(out);
        String[] dashParts = DASH.split(out.toString(), -1);
        StringBuilder kept = new StringBuilder(dashParts[0]);
        for (int i = 1; i < dashParts.length; i++) {
            if (!isFeaturing(dashParts[i])) {
                kept.append(" - ").append(dashParts[i]);
            }
        }
        String s = kept.toString();
        Matcher inline = FEAT_INLINE.matcher(s);
        if (inline.find()) {
            s = s.substring(0, inline.start());
        }
        String cleaned = s.replaceAll("\\s+", " ").trim();
        return cleaned.isEmpty() ? title.trim() : cleaned;
    }

    private static boolean isFeaturing(String part) {
        return FEATURING.matcher(part.trim()).matches();
    }

    enum Kind { SAME, DIFFERENT, OTHER }

    static Kind kind(String normalizedMarker) {
        if (normalizedMarker.isEmpty()) {
            return Kind.OTHER;
        }
        for (Pattern p : SAME) {
            if (p.matcher(normalizedMarker).matches()) {
                return Kind.SAME;
            }
        }
        if (DIFFERENT_WORD.matcher(normalizedMarker).find() || NAMED_VERSION.matcher(normalizedMarker).matches()) {
            return Kind.DIFFERENT;
        }
        return Kind.OTHER;
    }
}
