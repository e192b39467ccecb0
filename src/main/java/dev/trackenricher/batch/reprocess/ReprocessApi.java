package dev.trackenricher.batch.reprocess;

import dev.trackenricher.api.ApiException;
import dev.trackenricher.api.ApiResponse;
import java.util.List;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/** POST /enrich/reprocess: the reprocess filters as JSON; answers with the summary and the count reset. */
@Component
public class ReprocessApi {

    private final ReprocessFilterParser parser;
    private final Reprocessor reprocessor;

    public ReprocessApi(ReprocessFilterParser parser, Reprocessor reprocessor) {
        this.parser = parser;
        this.reprocessor = reprocessor;
    }

    public ApiResponse reprocess(@Body String body) {
        ReprocessFilter filter;
        try {
            filter = parser.fromJson(body);
        } catch (ReprocessInputException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try {
            return ApiResponse.ok(reprocessor.run(filter));
        } catch (ReprocessFailedException e) {
            throw new ApiException(500, e.getMessage(), List.of());
        }
    }
}
