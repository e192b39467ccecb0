package dev.trackenricher.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every request each simulated API received (arrival time in ms), what it answered, and the rate
 * checks: how many requests fell in the busiest window, requests per second.
 */
public final class RequestLog {

    /** Group of a MusicBrainz request about tracks with an ISRC (a lookup or search by ISRC, or the text search of such a track). */
    public static final String WITH_ISRC = "with_isrc";
    /** Group of a MusicBrainz text search of a track without an ISRC (or of none in the catalogue). */
    public static final String WITHOUT_ISRC = "without_isrc";
    /** Group of a MusicBrainz lookup of Spotify links. */
    public static final String SPOTIFY_LINKS = "spotify_links";

    private final Map<String, List<Long>> arrivals = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> answers = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> groups = new LinkedHashMap<>();

    /** Records an arrival now and returns how many arrived in the trailing window, this one included. */
    public synchronized int arrive(String source, double windowSeconds) {
        long now = System.currentTimeMillis();
        arrivals.computeIfAbsent(source, s -> new ArrayList<>()).add(now);
        return inWindow(source, now, windowSeconds);
    }

    /** Counts a request in a group of its source (such as MusicBrainz requests about tracks with an ISRC). */
    public synchronized void grouped(String source, String group) {
        groups.computeIfAbsent(source, s -> new TreeMap<>()).merge(group, 1, Integer::sum);
    }

    /** How many requests of this source fell in this group. */
    public synchronized int inGroup(String source, String group) {
        return groups.getOrDefault(source, Map.of()).getOrDefault(group, 0);
    }

    public synchronized void answered(String source, String kind) {
        answers.computeIfAbsent(source, s -> new TreeMap<>()).merge(kind, 1, Integer::sum);
    }

    /** How many requests this source received in the trailing window ending at {@code now}, this one included. */
    public synchronized int inWindow(String source, long nowMillis, double windowSeconds) {
        List<Long> list = arrivals.getOrDefault(source, List.of());
        long from = nowMillis - Math.round(windowSeconds * 1000);
        // arrivals are appended in time order: the first one inside the window by binary search
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid) > from) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return list.size() - lo;
    }

    public synchronized int total(String source) {
        return arrivals.getOrDefault(source, List.of()).size();
    }

    public synchronized int answers(String source, String kind) {
        return answers.getOrDefault(source, Map.of()).getOrDefault(kind, 0);
    }

    public synchronized Map<String, Integer> answers(String source) {
        return new TreeMap<>(answers.getOrDefault(source, Map.of()));
    }

    /** The most requests that arrived within any window of this length. */
    public synchronized int busiestWindow(String source, double windowSeconds) {
        List<Long> list = arrivals.getOrDefault(source, List.of());
        long w = Math.round(windowSeconds * 1000);
        int best = 0;
        int start = 0;
        for (int end = 0; end < list.size(); end++) {
            while (list.get(end) - list.get(start) >= w) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    /** Requests per second, by whole second since the first request to any source. */
    public synchronized Map<Long, Integer> perSecond(String source) {
        long origin = arrivals.values().stream().filter(l -> !l.isEmpty()).mapToLong(l -> l.get(0)).min().orElse(0);
        Map<Long, Integer> out = new TreeMap<>();
        for (long t : arrivals.getOrDefault(source, List.of())) {
            out.merge((t - origin) / 1000, 1, Integer::sum);
        }
        return out;
    }

    /** Requests per second between two instants (ms). */
    public synchronized double rate(String source, long fromMillis, long toMillis) {
        long n = arrivals.getOrDefault(source, List.of()).stream().filter(t -> t >= fromMillis && t < toMillis).count();
        return n * 1000.0 / Math.max(1, toMillis - fromMillis);
    }

    public synchronized void clear() {
        arrivals.clear();
        answers.clear();
        groups.clear();
    }
}
