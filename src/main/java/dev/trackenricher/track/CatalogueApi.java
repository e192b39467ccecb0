package dev.trackenricher.track;

import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import dev.trackenricher.api.Params;
import dev.trackenricher.source.SourcesProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.IOHelper;
import org.springframework.stereotype.Component;

/** GET /tracks (a page of the catalogue), DELETE /tracks/{id}, GET /tracks/export (the catalogue as CSV or JSON Lines). */
@Component
public class CatalogueApi {

    static final List<String> LIST_PARAMS = List.of("status", "source", "outcome", "q", "limit", "after", "order");
    static final List<String> EXPORT_PARAMS = List.of("format", "status", "source", "outcome", "q");

    private final TrackCatalogue catalogue;
    private final TrackRepository tracks;
    private final CatalogueExport export;
    private final CatalogueSettings settings;
    private final SourcesProperties sources;

    public CatalogueApi(TrackCatalogue catalogue, TrackRepository tracks, CatalogueExport export, CatalogueSettings settings,
                        SourcesProperties sources) {
        this.catalogue = catalogue;
        this.tracks = tracks;
        this.export = export;
        this.settings = settings;
        this.sources = sources;
    }

    public ApiResponse list(@Header(Exchange.HTTP_QUERY) String query) {
        Map<String, String> params = params(query, LIST_PARAMS);
        TrackFilter filter = filter(params);
        TrackOrder order = TrackOrder.NEWEST;
        String orderName = params.get("order");
        if (orderName != null && !orderName.isBlank()) {
            order = TrackOrder.byName(orderName.strip());
            if (order == null) {
                throw ApiException.badRequest("order: \"" + shorten(orderName) + "\" is not an order (newest, oldest)");
            }
        }
        int limit = limit(params.get("limit"));
        TrackCursor after = null;
        String cursor = params.get("after");
        if (cursor != null && !cursor.isBlank()) {
            try {
                after = TrackCursor.decode(cursor);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("after: " + e.getMessage());
            }
            if (after.order() != order) {
                throw ApiException.badRequest("after: the cursor continues an order=" + after.order().wireName()
                        + " listing; ask with that order, or without after for the first page");
            }
        }
        TrackCatalogue.Page page = catalogue.page(filter, order, after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tracks", page.tracks());
        body.put("count", page.tracks().size());
        body.put("order", order.wireName());
        body.put("limit", limit);
        body.put("next", page.next());
        return ApiResponse.ok(body);
    }

    public ApiResponse delete(@Header("id") String id) {
        UUID trackId = Params.uuid("id", id);
        TrackRepository.Deleted deleted = tracks.delete(trackId).orElseThrow(() -> ApiException.notFound("no track " + trackId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deleted", deleted.id());
        body.put("artist_name", deleted.artistName());
        body.put("title", deleted.title());
        return ApiResponse.ok(body);
    }

    /**
     * Answers with the export as the body, an InputStream that platform-http copies to the response
     * as it is read (chunked), so rows go out while the cursor moves and nothing is held in memory.
     * The stream is closed when the exchange is done: after its last byte, or when the client left.
     */
    public void export(Exchange exchange) throws SQLException, IOException {
        Message message = exchange.getMessage();
        Map<String, String> params = params(message.getHeader(Exchange.HTTP_QUERY, String.class), EXPORT_PARAMS);
        TrackFilter filter = filter(params);
        ExportFormat format = ExportFormat.CSV;
        if (params.get("format") != null && !params.get("format").isBlank()) {
            try {
                format = ExportFormat.parse(params.get("format"));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("format: " + e.getMessage());
            }
        }
        InputStream body;
        try {
            body = export.open(filter, format);
        } catch (CatalogueExport.Busy e) {
            throw new ApiException(503, e.getMessage(), List.of());
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                IOHelper.close(body);
            }
        });
        // the request's headers would otherwise go back as the answer's
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, format.contentType);
        message.setHeader("Content-Disposition", "attachment; filename=\"tracks." + format.extension + "\"");
        message.setBody(body);
    }

    private TrackFilter filter(Map<String, String> params) {
        try {
            return TrackFilter.parse(params::get, name -> name, sources.sources().keySet());
        } catch (TrackFilter.Invalid e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private int limit(String value) {
        if (value == null || value.isBlank()) {
            return settings.pageSize();
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= settings.maxPageSize()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit: \"" + shorten(value) + "\" is not a whole number from 1 to " + settings.maxPageSize());
    }

    /**
     * The query's parameters by name, from the raw query string: a name the operation does not take,
     * or one given twice, is a 400 naming it (a mistyped filter must not silently list everything).
     */
    static Map<String, String> params(String query, List<String> allowed) {
        Map<String, String> out = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(shorten(name) + ": not a parameter of this operation (it takes " + String.join(", ", allowed) + ")");
            }
            if (out.put(name, value) != null) {
                throw ApiException.badRequest(name + ": given more than once");
            }
        }
        return out;
    }

    private static String decode(String text, String field) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(shorten(field) + ": not URL-encoded text");
        }
    }

    private static String shorten(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }
}
