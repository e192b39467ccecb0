package dev.trackenricher.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A title split into its core and its version markers, read from brackets and from a trailing
 * " - …" part. Markers that name the same recording (remaster, radio edit, album version, …) are
 * kept apart from those that name a different one (remix, live, acoustic, cover, …), and featured
 * artists ("feat. X") are lifted out.
 */
public record TitleVersion(String core, Set<String> differentRecording, Set<String> sameRecording, List<String> featured) {

    private static final Pattern BRACKETED = Pattern.compile("[(\\[]([^()\\[\\]]*)[)\\]]");
    private static final Pattern DASH = Pattern.compile("\\s+[-–—]\\s+");
    private static final Pattern FEATURING = Pattern.compile("^(feat|ft|featuring|with)\\b\\.?\\s*(.+)$");
    private static final Pattern FEAT_INLINE = Pattern.compile("\\s+(feat|ft|featuring)\\.?\\s+(.+)$");
    private static final List<Pattern> SAME = List.of(
            Pattern.compile("^(\\d{4} )?(digital(ly)? )?remaster(ed)?( \\d{4})?( version| edition)?$"),
            Pattern.compile("^radio (edit|version|mix|cut)$"),
            Pattern.compile("^original( mix| version)?$"),
            Pattern.compile("^extended( mix| version)?$"),
            Pattern.compile("^(album|single|lp|7|12) (version|mix)$"),
            Pattern.compile("^(explicit|clean|dirty)( version)?$"),
            Pattern.compile("^(mono|stereo)( version| mix)?$"),
            Pattern.compile("^from .+$"));
    private static final Pattern DIFFERENT_WORD = Pattern.compile(
            "\\b(remix|rmx|live|acoustic|unplugged|instrumental|cover|karaoke|vip|bootleg|re recorded|rerecorded|demo|taylors version)\\b");
    private static final Pattern NAMED_MIX = Pattern.compile("^(.+) (mix|edit|dub|rework|flip)$");

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
            Matcher f = FEATURING.matcher(marker.trim().toLowerCase());
            if (f.matches()) {
                featured.add(marker.trim().substring(marker.trim().length() - f.group(2).length()));
                continue;
            }
            String norm = TextNormalizer.normalize(marker);
            switch (kind(norm)) {
                case SAME -> same.add(norm);
                case DIFFERENT -> different.add(norm);
                // an unknown bracket (e.g. "(Part 2)") is part of what the title says
                default -> rest = rest + " " + marker;
            }
        }
        return new TitleVersion(TextNormalizer.normalize(rest), different, same, featured);
    }

    private static boolean isFeaturing(String part) {
        return FEATURING.matcher(part.trim().toLowerCase()).matches();
    }

    enum Kind { SAME, DIFFERENT, OTHER }

    static Kind kind(String normalizedMarker) {
        for (Pattern p : SAME) {
            if (p.matcher(normalizedMarker).matches()) {
                return Kind.SAME;
            }
        }
        if (DIFFERENT_WORD.matcher(normalizedMarker).find() || NAMED_MIX.matcher(normalizedMarker).matches()) {
            return Kind.DIFFERENT;
        }
        return Kind.OTHER;
    }
}
