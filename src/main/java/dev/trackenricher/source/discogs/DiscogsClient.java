package dev.trackenricher.source.discogs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.match.TextNormalizer;
import dev.trackenricher.source.HttpAnswer;
import dev.trackenricher.source.JsonFields;
import dev.trackenricher.source.SourceClient;
import dev.trackenricher.source.SourceConfigurationException;
import dev.trackenricher.source.SourceHttp;
import dev.trackenricher.source.SourceHttpFactory;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.SourceSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.springframework.stereotype.Component;

/**
 * Discogs database search for releases by artist and track (personal token). A hit is taken only
 * when the artist of its "Artist - Release" title is the track's artist; the release gives label,
 * year, country, genres and styles.
 */
@Component("discogsClient")
public class DiscogsClient implements SourceClient {

    public static final String NAME = "discogs";
    private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();
    private static final double MIN_ARTIST_SIMILARITY = 0.9;

    private final SourceHttp http;
    private final SourceSettings settings;
    private final ObjectMapper json;

    public DiscogsClient(SourceHttpFactory http, ObjectMapper json) {
        this.http = http.forSource(NAME);
        this.settings = this.http.settings();
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean credentialsPresent() {
        return SourceSettings.present(settings.token());
    }

    @Override
    public SourceResult fetch(SourceRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("type", "release");
        query.put("artist", request.artistName());
        query.put("track", request.title());
        query.put("per_page", String.valueOf(Math.max(1, Math.min(100, settings.searchLimit()))));
        query.put("page", "1");
        HttpAnswer answer = http.get(http.uri("/database/search", query), Map.of("Authorization", "Discogs token=" + settings.token()));
        if (answer.status() == 401) {
            throw new SourceConfigurationException("Discogs refused the token (HTTP 401)");
        }
        List<JsonNode> results = JsonFields.array(answer.requireOk().json(json), "results");
        String wanted = TextNormalizer.normalize(request.artistName());
        Optional<JsonNode> best = Optional.empty();
        double bestScore = 0;
        for (JsonNode r : results) {
            String artist = artistOf(JsonFields.text(r, "title").orElse(""));
            double score = SIMILARITY.apply(wanted, TextNormalizer.normalize(artist));
            if (score >= MIN_ARTIST_SIMILARITY && score > bestScore) {
                best = Optional.of(r);
                bestScore = score;
            }
        }
        double confidence = Math.round(bestScore * 1000) / 1000.0;
        return best.map(r -> SourceResult.found(NAME, fields(r), confidence))
                .orElseGet(() -> SourceResult.notFound(NAME, "no release by this artist with this track"));
    }

    /** "Artist - Release" → "Artist" (Discogs adds "(2)" to disambiguate artist names). */
    static String artistOf(String title) {
        int dash = title.indexOf(" - ");
        String artist = dash < 0 ? title : title.substring(0, dash);
        return artist.replaceAll("\\s*\\(\\d+\\)$", "").replaceAll("\\*$", "");
    }

    /** The fields of one search result; label may be an array or (in old answers) a plain string. */
    static Map<String, Object> fields(JsonNode r) {
        Map<String, Object> f = new LinkedHashMap<>();
        JsonFields.integer(r, "id").ifPresent(v -> f.put("discogs_release_id", v));
        JsonFields.integer(r, "master_id").filter(v -> v > 0).ifPresent(v -> f.put("discogs_master_id", v));
        String title = JsonFields.text(r, "title").orElse("");
        int dash = title.indexOf(" - ");
        if (dash >= 0) {
            f.put("discogs_release_title", title.substring(dash + 3));
        }
        List<String> labels = JsonFields.texts(r, "label", null);
        if (!labels.isEmpty()) {
            f.put("label", labels.get(0));
        }
        JsonFields.integer(r, "year").filter(y -> y > 0).ifPresent(v -> f.put("year", v));
        JsonFields.text(r, "country").ifPresent(v -> f.put("country", v));
        List<String> genres = JsonFields.texts(r, "genre", null);
        if (!genres.isEmpty()) {
            f.put("genres", genres);
        }
        List<String> styles = JsonFields.texts(r, "style", null);
        if (!styles.isEmpty()) {
            f.put("styles", styles);
        }
        JsonFields.text(r, "catno").ifPresent(v -> f.put("catalog_number", v));
        JsonFields.text(r, "cover_image").ifPresent(v -> f.put("discogs_cover_image", v));
        return f;
    }
}
