package dev.trackenricher.support.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AcousticBrainz on the wire: {@code GET /{mbid}/low-level}, one low-level document per recording
 * ({@link #document} is also what a bulk answer holds per id), and {@code {"message":…}} errors.
 */
public final class AcousticBrainzWire {

    private static final Pattern LOW_LEVEL = Pattern.compile("^/([0-9a-f-]{36})/low-level$");

    /**
     * One recording's low-level features. {@code mbid} null sends empty {@code metadata};
     * {@code beatsCount} null leaves it out.
     */
    public record LowLevel(String mbid, double bpm, Integer beatsCount, String key, String scale, double keyStrength) {
    }

    private AcousticBrainzWire() {
    }

    /** The path of one recording's low-level document. */
    public static String lowLevelPath(String mbid) {
        return "/" + mbid + "/low-level";
    }

    /** The MBID a low-level path asks for, or null when the path is not one. */
    public static String mbidOf(String path) {
        Matcher m = LOW_LEVEL.matcher(path);
        return m.matches() ? m.group(1) : null;
    }

    public static ObjectNode document(LowLevel l) {
        ObjectNode o = WireJson.object();
        ObjectNode rhythm = o.putObject("rhythm").put("bpm", l.bpm());
        WireJson.putIfPresent(rhythm, "beats_count", l.beatsCount());
        o.putObject("tonal").put("key_key", l.key()).put("key_scale", l.scale()).put("key_strength", l.keyStrength());
        ObjectNode metadata = o.putObject("metadata");
        if (l.mbid() != null) {
            metadata.putObject("tags").putArray("musicbrainz_recordingid").add(l.mbid());
        }
        return o;
    }

    public static WireAnswer lowLevel(LowLevel l) {
        return WireAnswer.ok(document(l));
    }

    public static WireAnswer error(int status, String message) {
        return WireAnswer.json(status, WireJson.object().put("message", message));
    }

    public static WireAnswer notFound() {
        return error(404, "Not found");
    }

    public static WireAnswer badRequest() {
        return error(400, "Bad request");
    }

    /** Over the limit: 429 with the window's headers (remaining 0, seconds until it resets). */
    public static WireAnswer rateLimited(int resetInSeconds) {
        return error(429, "rate limit exceeded").header("X-RateLimit-Remaining", "0")
                .header("X-RateLimit-Reset-In", String.valueOf(resetInSeconds));
    }
}
