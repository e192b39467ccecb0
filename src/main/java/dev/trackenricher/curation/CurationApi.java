package dev.trackenricher.curation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import dev.trackenricher.api.Params;
import dev.trackenricher.track.TrackRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** PATCH /tracks/{id} (corrections), DELETE /tracks/{id}/locks/{field}, GET /tracks/{id}/history. */
@Component
public class CurationApi {

    private final Corrections corrections;
    private final TrackHistory history;
    private final TrackRepository tracks;
    private final ObjectMapper json;

    public CurationApi(Corrections corrections, TrackHistory history, TrackRepository tracks, ObjectMapper json) {
        this.corrections = corrections;
        this.history = history;
        this.tracks = tracks;
        this.json = json;
    }

    public ApiResponse correct(@Header("id") String id, @Body String body) {
        UUID trackId = Params.uuid("id", id);
        Map<CorrectableField, Object> values = CorrectionJson.parse(body, json);
        return ApiResponse.ok(corrections.correct(trackId, values, Curator.current()));
    }

    public ApiResponse release(@Header("id") String id, @Header("field") String field) {
        UUID trackId = Params.uuid("id", id);
        CorrectableField f = CorrectableField.named(field).orElseThrow(() -> ApiException.badRequest(CorrectableField.unknown(field)));
        return ApiResponse.ok(corrections.release(trackId, f, Curator.current()));
    }

    public ApiResponse history(@Header("id") String id) {
        UUID trackId = Params.uuid("id", id);
        if (tracks.find(trackId).isEmpty()) {
            throw ApiException.notFound("no track " + trackId);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("track_id", trackId);
        body.put("changes", history.of(trackId));
        return ApiResponse.ok(body);
    }
}
