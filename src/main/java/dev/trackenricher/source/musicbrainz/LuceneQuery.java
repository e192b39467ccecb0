package dev.trackenricher.source.musicbrainz;

/** MusicBrainz search terms: Lucene phrases with every special character escaped. */
final class LuceneQuery {

    private static final String SPECIALS = "+-&|!(){}[]^\"~*?:\\/";

    private LuceneQuery() {
    }

    static String escape(String term) {
        StringBuilder out = new StringBuilder(term.length() + 8);
        for (char c : term.toCharArray()) {
            if (SPECIALS.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    static String recording(String artist, String title) {
        return "artist:\"" + escape(artist) + "\" AND recording:\"" + escape(title) + "\"";
    }
}
