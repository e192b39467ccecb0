package dev.trackenricher.match;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A title split into its core and its version markers, read from brackets, from " - …" parts and
 * from "-…-" / "～…～" ends, plus what the API says about the version elsewhere (a MusicBrainz
 * disambiguation, a video flag: {@link Candidate#versionNotes()}). Markers that name the same
 * recording (remaster, radio edit, album version, …) are kept apart from those that name a different
 * one (remix, live, acoustic, cover, TV size, video, …), and featured artists ("feat. X") are lifted
 * out. A bracket that is neither, such as "(I Can't Get No)", stays part of the core: it is what the
 * title says.
 *
 * <p>A different-recording marker that says nothing but a kind ("Live", "Instrumental Version",
 * "-instrumental-", "TV Size Ver.", "Music video") is kept as that kind ({@code live},
 * {@code instrumental}, {@code tv size}, {@code video}), so that it meets the same kind said in a
 * disambiguation; one that names more ("Skrillex Remix", "Live in Paris") is kept whole, and only
 * the same words meet it. Notes only ever add kinds: a disambiguation that names none ("Switzerland,
 * Eurovision 2004 entry") changes nothing.
 */
public record TitleVersion(String core, Set<String> differentRecording, Set<String> sameRecording, List<String> featured) {

    private static final Pattern BRACKETED = Pattern.compile("[(\\[{【（]([^()\\[\\]{}【】（）]*)[)\\]}】）]");
    /** "青春コンプレックス -instrumental-", "SUKIYAKI -Live Version-": a marker between two dashes or waves at the end. */
    private static final Pattern ENCLOSED_END = Pattern.compile("\\s+[-~～]([^-~～()\\[\\]]+)[-~～]\\s*$");
    private static final Pattern DASH = Pattern.compile("\\s+[-–—]\\s+");
    /** "7\" Version; 2015 Remaster": one dash part holding two markers. */
    private static final Pattern MARKER_LIST = Pattern.compile("\\s*;\\s*");
    private static final Pattern FEATURING = Pattern.compile("^(feat|ft|featuring|with)\\b\\.?\\s*(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FEAT_INLINE = Pattern.compile("\\s+(feat|ft|featuring)\\.?\\s+(.+)$", Pattern.CASE_INSENSITIVE);

    /** Whole-marker patterns (on normalized text) for versions that are the same recording as the plain title. */
    private static final List<Pattern> SAME = List.of(
            // "Remastered", "2011 Remaster", "Remastered 2009", "2009 Digital Remaster", "Remastered Version"
            Pattern.compile("^(\\d{4} )?(digital(ly)? )?remaster(ed)?( \\d{4})?( digital)?( version| edition| mix)?( \\d{4})?$"),
            // "Radio Edit", "Single Version", "Album Version", "7 Inch Edit", "Edit", "Short Version": the same
            // master, cut or named by the label; a known duration still decides
            Pattern.compile("^((radio|single|album|lp|short|main|7|7 inch|12|12 inch) )?(edit|version|cut)$"),
            // "Mix", "Album Mix", "Main Mix"; a radio, single, 7" or 12" *mix* is another mixdown (below)
            Pattern.compile("^((album|main) )?mix$"),
            Pattern.compile("^original( mix| version| edit)?$"),
            Pattern.compile("^(extended|long)( mix| version| edit)?$"),
            Pattern.compile("^(explicit|clean|dirty)( version| edit)?$"),
            Pattern.compile("^(mono|stereo)( version| mix)?$"),
            Pattern.compile("^(bonus track|deluxe|deluxe edition|deluxe version)$"));
    /** "From "Despicable Me 2"", "From the Motion Picture …": the same recording, unless it names a version ("From THE FIRST TAKE"). */
    private static final Pattern FROM = Pattern.compile("^from .+$");

    /**
     * The kinds of different recordings, each with the words that say it (on normalized text). The
     * order is the order of matching: a longer phrase before a word it contains.
     */
    private static final Map<String, Pattern> KINDS = kinds(
            "tv size", "\\btv (size|ver|version|edit|sized)\\b( ver| version)?",
            "video", "\\b(official )?(music )?video\\b(?! game)|\\bmv\\b|\\bpv\\b",
            "dj mix", "\\bdj mix(ed)?\\b",
            "live", "\\blive\\b|\\bconcert\\b|\\bfirst take\\b",
            "rerecording", "\\bre ?record(ed|ing)\\b|\\btaylors version\\b|\\bnew vocals?\\b|\\bnew recording\\b",
            "remix", "\\bremix(ed)?\\b|\\brmx\\b",
            "instrumental", "\\binstrumental\\b|\\binst\\b|\\boff vocal\\b",
            "a cappella", "\\ba ?cappella\\b|\\bacapella\\b",
            "acoustic", "\\bacoustic\\b",
            "unplugged", "\\bunplugged\\b",
            "cover", "\\bcover\\b|\\bin the style of\\b|\\btribute\\b",
            "karaoke", "\\bkaraoke\\b",
            "demo", "\\bdemo\\b",
            "vip", "\\bvip\\b",
            "bootleg", "\\bbootleg\\b",
            "orchestral", "\\borchestral\\b",
            "stripped", "\\bstripped\\b",
            "dub", "\\bdub\\b",
            "slowed", "\\bslowed\\b",
            "sped up", "\\bsped up\\b",
            "nightcore", "\\bnightcore\\b",
            "reprise", "\\breprise\\b",
            "session", "\\bsessions?\\b",
            "rehearsal", "\\brehearsal\\b",
            "medley", "\\bmedley\\b",
            "mashup", "\\bmash ?up\\b");
    /** Kinds only a note (a disambiguation) says this way: a tour is a concert, "part of "Hit Mix"" a DJ-mix excerpt. */
    private static final Map<String, Pattern> NOTE_KINDS = kinds(
            "live", "\\btour\\b",
            "dj mix", "^part of .*\\bmix\\b");
    /** Words that, beside a kind, add nothing: "Live Version", "Instrumental Mix", "Original Karaoke", "From THE FIRST TAKE". */
    private static final Set<String> FILLER = Set.of("version", "ver", "v", "mix", "edit", "take", "recording", "official", "original",
            "the", "a", "from", "full");
    private static final Pattern NUMBER = Pattern.compile("^\\d+$");
    /** "Skrillex Remix", "Dimitri From Paris Edit", "Spanish Version", "Radio Mix": a version naming someone or something. */
    private static final Pattern NAMED_VERSION = Pattern.compile("^(.+) (mix|edit|dub|rework|flip|version|refix|bootleg|vip)$");

    public static TitleVersion parse(String title) {
        return parse(title, List.of());
    }

    /** The title's version, and the kinds of different recording the notes name (see {@link Candidate#versionNotes()}). */
    public static TitleVersion parse(String title, List<String> notes) {
        List<String> markers = new ArrayList<>();
        String rest = title == null ? "" : title;
        Matcher end = ENCLOSED_END.matcher(rest);
        if (end.find() && isMarker(end.group(1))) {
            markers.add(end.group(1));
            rest = rest.substring(0, end.start());
        }
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
            if (isMarker(dashParts[i]) || isFeaturing(dashParts[i])) {
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
            List<String> parts = parts(marker);
            if (parts.stream().anyMatch(p -> kind(p) == Kind.OTHER)) {
                // an unknown bracket (e.g. "(Part 2)", "(I Can't Get No)") is part of what the title says
                rest = rest + " " + marker;
                continue;
            }
            for (String part : parts) {
                if (kind(part) == Kind.SAME) {
                    same.add(part);
                } else {
                    different.addAll(canonical(part));
                }
            }
        }
        for (String note : notes == null ? List.<String>of() : notes) {
            different.addAll(noteKinds(TextNormalizer.normalize(note)));
        }
        return new TitleVersion(TextNormalizer.normalize(rest), different, same, featured);
    }

    /** Whether {@code other} is the same version: the same different-recording markers (same-recording ones may differ). */
    public boolean sameVersion(TitleVersion other) {
        return differentRecording.equals(other.differentRecording);
    }

    /** A marker's parts, normalized: "7\" Version; 2015 Remaster" is two. */
    private static List<String> parts(String marker) {
        List<String> out = new ArrayList<>();
        for (String p : MARKER_LIST.split(marker)) {
            String n = TextNormalizer.normalize(p);
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return out.isEmpty() ? List.of("") : out;
    }

    private static boolean isMarker(String text) {
        List<String> parts = parts(text);
        return parts.stream().noneMatch(p -> kind(p) == Kind.OTHER);
    }

    /** A different-recording marker as it is compared: its kinds when it says nothing more, else the whole marker. */
    static Set<String> canonical(String normalizedMarker) {
        Set<String> kinds = new TreeSet<>();
        String rest = " " + normalizedMarker + " ";
        for (Map.Entry<String, Pattern> k : KINDS.entrySet()) {
            Matcher m = k.getValue().matcher(rest);
            if (m.find()) {
                kinds.add(k.getKey());
                rest = m.replaceAll(" ");
            }
        }
        for (String word : rest.trim().split(" +")) {
            if (!word.isEmpty() && !FILLER.contains(word) && !NUMBER.matcher(word).matches()) {
                return Set.of(normalizedMarker);
            }
        }
        return kinds.isEmpty() ? Set.of(normalizedMarker) : kinds;
    }

    /** The kinds a note names; a whole note that is a named version ("spanish version") as it is. */
    static Set<String> noteKinds(String note) {
        if (note.isEmpty() || kind(note) == Kind.SAME) {
            return Set.of();
        }
        Set<String> kinds = new TreeSet<>();
        for (Map<String, Pattern> table : List.of(KINDS, NOTE_KINDS)) {
            table.forEach((kind, words) -> {
                if (words.matcher(note).find()) {
                    kinds.add(kind);
                }
            });
        }
        if (kinds.isEmpty() && NAMED_VERSION.matcher(note).matches()) {
            kinds.add(note);
        }
        return kinds;
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
        if (KINDS.values().stream().anyMatch(k -> k.matcher(normalizedMarker).find()) || NAMED_VERSION.matcher(normalizedMarker).matches()) {
            return Kind.DIFFERENT;
        }
        return FROM.matcher(normalizedMarker).matches() ? Kind.SAME : Kind.OTHER;
    }

    private static Map<String, Pattern> kinds(String... kindsAndWords) {
        Map<String, Pattern> out = new LinkedHashMap<>();
        for (int i = 0; i < kindsAndWords.length; i += 2) {
            out.put(kindsAndWords[i], Pattern.compile(kindsAndWords[i + 1]));
        }
        return out;
    }
}
