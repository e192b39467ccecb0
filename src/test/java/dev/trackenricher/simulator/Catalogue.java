package dev.trackenricher.simulator;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * What the simulated APIs know, generated deterministically from a seed: the sample tracks
 * (sample-data/tracks.csv) plus numbered synthetic ones. Each source knows a seeded fraction of
 * them; the rest are unknown to it. Search answers mix the real track with near-misses.
 *
 * <p>As in a real catalogue, about half the tracks have an ISRC (the others have none anywhere),
 * and tracks come in albums: consecutive tracks of one artist share a release (1 to
 * {@value #MAX_ALBUM} tracks; each synthetic artist, "Sim Artist k", has one album), the same release
 * at every API. Some ISRCs are also on a live take of the same song, as happens in MusicBrainz, so
 * an ISRC can name two recordings.
 */
public final class Catalogue {

    static final String[] NAMES = {"Solomun", "Tale Of Us", "Purple Disco Machine", "Kerri Chandler", "Dixon", "Ame",
        "Peggy Gou", "Bicep", "Floorplan", "Mall Grab"};

    /** Tracks on one album at most. */
    static final int MAX_ALBUM = 6;

    /**
     * One track. {@code isrc} is null for the half that has none; {@code album} numbers its release
     * (shared with the album's other tracks, as is {@code discogsId}), {@code albumTitle} names it.
     */
    public record SimTrack(int n, String artist, String title, int durationMs, String isrc, String spotifyId, String mbid,
                           long discogsId, String getsongbpmId, int pitchClass, boolean minor, double bpm, int year,
                           int album, String albumTitle) {
    }

    /** A search hit that looks like the track but is another recording. */
    public record Decoy(String artist, String title, int durationMs, String id) {
    }

    private final long seed;
    private final List<SimTrack> tracks = new ArrayList<>();
    private final Map<String, SimTrack> byKey = new HashMap<>();
    private final Map<String, SimTrack> bySpotifyId = new HashMap<>();
    private final Map<String, SimTrack> byMbid = new HashMap<>();
    private final Map<String, SimTrack> byIsrc = new HashMap<>();
    private final Map<Long, List<SimTrack>> byDiscogsId = new HashMap<>();
    private final Map<String, Double> knownFraction;

    private Catalogue(long seed, Map<String, Double> knownFraction) {
        this.seed = seed;
        this.knownFraction = Map.copyOf(knownFraction);
    }

    public static Catalogue generate(long seed, List<String[]> sample, int synthetic, Map<String, Double> knownFraction) {
        Catalogue c = new Catalogue(seed, knownFraction);
        int n = 0;
        int album = 0;
        int left = 0;
        String albumArtist = null;
        for (String[] s : sample) {
            Integer duration = s.length > 2 && s[2] != null && !s[2].isBlank() ? Integer.valueOf(s[2].trim()) : null;
            // the sample lists an artist's songs together: they fill that artist's albums
            if (left == 0 || !s[0].equals(albumArtist)) {
                album++;
                left = c.albumSize(album);
                albumArtist = s[0];
            }
            left--;
            c.add(++n, s[0], s[1], duration, album);
        }
        int syntheticArtist = 0;
        left = 0;
        for (int i = 1; i <= synthetic; i++) {
            if (left == 0) {
                album++;
                syntheticArtist++;
                left = c.albumSize(album);
            }
            left--;
            c.add(++n, "Sim Artist " + syntheticArtist, "Sim Song " + i, null, album);
        }
        return c;
    }

    /** artist, title, duration_ms (may be empty) of each row of a tracks CSV. */
    public static List<String[]> readSample(Path csv) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                rows.add(new String[] {rec.get("artist_name"), rec.get("title"), rec.isMapped("duration_ms") ? rec.get("duration_ms") : ""});
            }
        }
        return rows;
    }

    /** How many tracks album {@code album} holds (seeded, 1 … {@value #MAX_ALBUM}). */
    private int albumSize(int album) {
        return 1 + new SplittableRandom(seed * 17 + album).nextInt(MAX_ALBUM);
    }

    private void add(int n, String artist, String title, Integer duration, int album) {
        if (byKey.containsKey(key(artist, title))) {
            return;
        }
        Random r = new Random(seed * 31 + n);
        int dur = duration != null ? duration : 150_000 + r.nextInt(200_000);
        String spotifyId = base62(r, 22);
        String isrc = String.format("QZ%s%02d%05d", "SIM", r.nextInt(100), n % 100_000).substring(0, 12);
        // its own draw, so the other values stay what they were before tracks had no ISRC (SplittableRandom: the
        // first draws of java.util.Random for neighbouring seeds are alike)
        boolean hasIsrc = new SplittableRandom(seed * 53 + n).nextBoolean();
        SimTrack first = byDiscogsId.getOrDefault(100_000L + album, List.of()).stream().findFirst().orElse(null);
        String albumTitle = first != null ? first.albumTitle() : title + " (Album)";
        SimTrack t = new SimTrack(n, artist, title, dur, hasIsrc ? isrc : null, spotifyId, new UUID(r.nextLong(), r.nextLong()).toString(),
                100_000L + album, "gsb" + Integer.toString(n, 36), r.nextInt(12), r.nextBoolean(),
                Math.round((80 + r.nextDouble() * 80) * 10) / 10.0, first != null ? first.year() : 1960 + r.nextInt(65), album, albumTitle);
        tracks.add(t);
        byKey.put(key(artist, title), t);
        // the APIs find "Calvin Harris feat. Rihanna" by its main artist too, as a client may search that way
        byKey.putIfAbsent(key(mainArtist(artist), title), t);
        bySpotifyId.put(spotifyId, t);
        byMbid.put(t.mbid(), t);
        if (t.isrc() != null) {
            byIsrc.put(t.isrc(), t);
        }
        byDiscogsId.computeIfAbsent(t.discogsId(), k -> new ArrayList<>()).add(t);
    }

    public List<SimTrack> all() {
        return List.copyOf(tracks);
    }

    public Optional<SimTrack> find(String artist, String title) {
        return Optional.ofNullable(byKey.getOrDefault(key(artist, title), byKey.get(key(mainArtist(artist), title))));
    }

    static String mainArtist(String artist) {
        return artist.split("(?i)\\s+(feat\\.?|ft\\.?|featuring)\\s+")[0];
    }

    public Optional<SimTrack> bySpotifyId(String id) {
        return Optional.ofNullable(bySpotifyId.get(id));
    }

    public Optional<SimTrack> byMbid(String id) {
        return Optional.ofNullable(byMbid.get(id));
    }

    /** The tracks of a Discogs release (an album), in their order on it; empty for an unknown id. */
    public List<SimTrack> byDiscogsId(long id) {
        return List.copyOf(byDiscogsId.getOrDefault(id, List.of()));
    }

    public Optional<SimTrack> byIsrc(String isrc) {
        return isrc == null ? Optional.empty() : Optional.ofNullable(byIsrc.get(isrc));
    }

    /** Whether MusicBrainz also has this track's ISRC on a live take of it (one track in eight of those with an ISRC). */
    public boolean isrcAlsoOnLiveTake(SimTrack t) {
        return t.isrc() != null && new SplittableRandom(seed * 59 + t.n()).nextInt(8) == 0;
    }

    /** Whether MusicBrainz links this track's Spotify URL to its recording (seeded, most of the tracks it knows). */
    public boolean spotifyLinked(SimTrack t) {
        return knows("musicbrainz", t) && new SplittableRandom(seed * 61 + t.n()).nextDouble() < 0.7;
    }

    /** Whether this API knows the track (seeded, stable across runs). */
    public boolean knows(String source, SimTrack t) {
        double fraction = knownFraction.getOrDefault(source, 1.0);
        double draw = new Random(seed ^ (source.hashCode() * 1_000_003L) ^ t.n() * 7919L).nextDouble();
        return draw < fraction;
    }

    /** 1–3 near-misses for a search about this artist and title: a live take, a remix, a cover, karaoke. */
    public List<Decoy> decoys(String source, String artist, String title) {
        Random r = new Random(seed ^ key(artist, title).hashCode() ^ source.hashCode());
        int base = 150_000 + r.nextInt(200_000);
        List<Decoy> all = List.of(
                new Decoy(artist, title + " (Live)", base + 40_000, "live" + r.nextInt(1_000_000)),
                new Decoy(artist, title + " - " + NAMES[r.nextInt(NAMES.length)] + " Remix", base + 90_000, "rmx" + r.nextInt(1_000_000)),
                new Decoy("The " + NAMES[r.nextInt(NAMES.length)] + " Tribute Band", title, base, "cov" + r.nextInt(1_000_000)),
                new Decoy("Karaoke Hits", title + " (Karaoke Version)", base, "kar" + r.nextInt(1_000_000)));
        List<Decoy> picked = new ArrayList<>(all);
        java.util.Collections.shuffle(picked, r);
        return picked.subList(0, 1 + r.nextInt(3));
    }

    static String key(String artist, String title) {
        return (artist.trim() + "\u0000" + title.trim()).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static String base62(Random r, int length) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
