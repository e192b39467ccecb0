package dev.trackenricher.support.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AcousticBrainz on the wire: {@code GET /{mbid}/low-level}, one low-level document per recording;
 * the bulk form {@code GET /low-level?recording_ids=a;b;…} (at most 25 ids, each optionally
 * {@code id:n} for its n-th submission), answered by id then submission ({@code {"<mbid>": {"0":
 * document}}}, unknown ids left out); and {@code {"message":…}} errors.
 */
public final class AcousticBrainzWire {

    private static final Pattern LOW_LEVEL = Pattern.compile("^/([0-9a-f-]{36})/low-level$");
    /** {@code GET /low-level?recording_ids=…}: several recordings in one request. */
    public static final String BULK_LOW_LEVEL = "/low-level";
    /** The bulk endpoints' bound on ids per request (more is a 400). */
    public static final int MAX_BULK_IDS = 25;

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

    /** The recording ids of a bulk request's {@code recording_ids} ({@code a;b:1;c}: offsets dropped, lower case, duplicates once). */
    public static List<String> recordingIds(String parameter) {
        Set<String> ids = new LinkedHashSet<>();
        for (String part : parameter.split(";")) {
            String id = part.split(":", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    /** The bulk answer: each known recording's first submission under its id ({@code "0"}); the unknown ones are not in it. */
    public static WireAnswer bulkLowLevel(Map<String, LowLevel> known) {
        ObjectNode o = WireJson.object();
        known.forEach((mbid, l) -> o.putObject(mbid.toLowerCase(Locale.ROOT)).set("0", document(l)));
        return WireAnswer.ok(o);
    }

    /** More ids than a bulk request may carry. */
    public static WireAnswer tooManyIds() {
        return error(400, "More than " + MAX_BULK_IDS + " recordings not allowed per request");
    }

    /** A bulk request's id that is not a UUID. */
    public static WireAnswer notAnId(String id) {
        return error(400, "'" + id + "' is not a valid UUID");
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
