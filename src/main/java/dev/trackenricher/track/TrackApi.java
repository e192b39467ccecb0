package dev.trackenricher.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import dev.trackenricher.api.Params;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** POST /tracks and GET /tracks/{id}. */
@Component
public class TrackApi {

    private final TrackRepository tracks;
    private final ObjectMapper json;
    private final int maxTracksPerRequest;

    public TrackApi(TrackRepository tracks, ObjectMapper json,
                    @Value("${enricher.api.max-tracks-per-request:10000}") int maxTracksPerRequest) {
        this.tracks = tracks;
        this.json = json;
        this.maxTracksPerRequest = maxTracksPerRequest;
    }

    public ApiResponse create(@Body String body) {
        List<NewTrack> parsed = TrackJson.parse(body, json, maxTracksPerRequest);
        List<UUID> ids = tracks.insertAll(parsed);
        return ApiResponse.created(tracks.findAll(ids));
    }

    public ApiResponse get(@Header("id") String id) {
        UUID trackId = Params.uuid("id", id);
        return ApiResponse.ok(tracks.find(trackId).orElseThrow(() -> ApiException.notFound("no track " + trackId)));
    }
}
