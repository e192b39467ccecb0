package dev.trackenricher.support;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.trackenricher.support.wire.AcousticBrainzWire;
import dev.trackenricher.support.wire.MusicBrainzWire;
import dev.trackenricher.support.wire.WireAnswer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the APIs' batch requests in the stub server, whose answer depends on which tracks the
 * request names (a static stub cannot): MusicBrainz's recording search over ISRCs
 * ({@code isrc:A OR isrc:B}, paged by {@code offset}/{@code limit}), its URL lookup of several
 * Spotify links, and AcousticBrainz's bulk low-level lookup. Answers from what the tests made the
 * stubs know ({@link ApiStubs#knowByIsrc}, {@link ApiStubs#knowSpotifyLink}, {@link ApiStubs#know}
 * for AcousticBrainz), in the wire formats of {@code support.wire}.
 */
public final class BatchAnswers implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "batch-answers";
    private static final Pattern ISRC_TERM = Pattern.compile("isrc:\"?([A-Za-z0-9-]+)\"?");

    private static final Map<String, List<MusicBrainzWire.Recording>> BY_ISRC = new ConcurrentHashMap<>();
    private static final Map<String, MusicBrainzWire.Recording> BY_SPOTIFY_URL = new ConcurrentHashMap<>();
    private static final Map<String, AcousticBrainzWire.LowLevel> LOW_LEVEL = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String kind = String.valueOf(serveEvent.getTransformerParameters().getOrDefault("kind", ""));
        WireAnswer answer = switch (kind) {
            case "isrc-search" -> isrcSearch(param(serveEvent, "query"), param(serveEvent, "limit"), param(serveEvent, "offset"));
            case "url-lookup" -> urlLookup(serveEvent.getRequest().queryParameter("resource"));
            case "low-level-bulk" -> lowLevelBulk(param(serveEvent, "recording_ids"));
            default -> throw new IllegalArgumentException("no batch answer " + kind);
        };
        return ApiStubs.response(answer).build();
    }

    private static String param(ServeEvent e, String name) {
        QueryParameter p = e.getRequest().queryParameter(name);
        return p.isPresent() ? p.firstValue() : null;
    }

    private static WireAnswer isrcSearch(String query, String limit, String offset) {
        Set<String> asked = new LinkedHashSet<>();
        Matcher m = ISRC_TERM.matcher(query == null ? "" : query);
        while (m.find()) {
            asked.add(m.group(1).toUpperCase(Locale.ROOT));
        }
        List<MusicBrainzWire.Recording> hits = new ArrayList<>();
        asked.forEach(isrc -> BY_ISRC.getOrDefault(isrc, List.of()).forEach(r -> hits.add(r.withScore(100))));
        int size = Math.max(1, Math.min(MusicBrainzWire.MAX_SEARCH_LIMIT, limit == null ? 25 : Integer.parseInt(limit)));
        int from = Math.min(hits.size(), offset == null ? 0 : Integer.parseInt(offset));
        return MusicBrainzWire.search(hits.subList(from, Math.min(hits.size(), from + size)), hits.size(), from);
    }

    private static WireAnswer urlLookup(QueryParameter resources) {
        List<String> asked = resources.isPresent() ? resources.values() : List.of();
        List<MusicBrainzWire.Url> known = new ArrayList<>();
        for (String resource : asked) {
            MusicBrainzWire.Recording r = BY_SPOTIFY_URL.get(resource);
            if (r != null) {
                known.add(new MusicBrainzWire.Url(java.util.UUID.nameUUIDFromBytes(resource.getBytes()).toString(), resource, List.of(r)));
            }
        }
        if (asked.size() == 1) {
            return known.isEmpty() ? MusicBrainzWire.notFound() : MusicBrainzWire.urlLookup(known.get(0));
        }
        return MusicBrainzWire.urlLookup(known);
    }

    private static WireAnswer lowLevelBulk(String recordingIds) {
        List<String> ids = AcousticBrainzWire.recordingIds(recordingIds == null ? "" : recordingIds);
        if (ids.isEmpty()) {
            return AcousticBrainzWire.badRequest();
        }
        if (ids.size() > AcousticBrainzWire.MAX_BULK_IDS) {
            return AcousticBrainzWire.tooManyIds();
        }
        Map<String, AcousticBrainzWire.LowLevel> known = new LinkedHashMap<>();
        ids.forEach(id -> {
            AcousticBrainzWire.LowLevel l = LOW_LEVEL.get(id);
            if (l != null) {
                known.put(id, l);
            }
        });
        return AcousticBrainzWire.bulkLowLevel(known);
    }

    static void isrc(String isrc, MusicBrainzWire.Recording recording) {
        BY_ISRC.computeIfAbsent(isrc.toUpperCase(Locale.ROOT), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(recording);
    }

    static void spotifyLink(String url, MusicBrainzWire.Recording recording) {
        BY_SPOTIFY_URL.put(url, recording);
    }

    static void lowLevel(String mbid, AcousticBrainzWire.LowLevel l) {
        LOW_LEVEL.put(mbid.toLowerCase(Locale.ROOT), l);
    }

    static void clear() {
        BY_ISRC.clear();
        BY_SPOTIFY_URL.clear();
        LOW_LEVEL.clear();
    }
}
