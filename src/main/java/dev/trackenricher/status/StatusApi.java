package dev.trackenricher.status;

import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import dev.trackenricher.api.Params;
import java.util.UUID;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** GET /enrich/status/{trackId}: the track's status and each source's standing. */
@Component
public class StatusApi {

    private final TrackStatusRepository statuses;

    public StatusApi(TrackStatusRepository statuses) {
        this.statuses = statuses;
    }

    public ApiResponse get(@Header("trackId") String trackId) {
        UUID id = Params.uuid("trackId", trackId);
        return ApiResponse.ok(statuses.find(id).orElseThrow(() -> ApiException.notFound("no track " + id)));
    }
}
