package dev.trackenricher.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last step of every REST route: renders an {@link ApiResponse} (or a caught exception) as a
 * JSON answer with its status. Unexpected errors answer 500 without internals.
 */
@Component
public class ApiResponder {

    private static final Logger log = LoggerFactory.getLogger(ApiResponder.class);

    private final ObjectMapper json;

    public ApiResponder(ObjectMapper json) {
        this.json = json;
    }

    public void respond(Exchange exchange) throws JsonProcessingException {
        Object body = exchange.getMessage().getBody();
        ApiResponse response = body instanceof ApiResponse r ? r : ApiResponse.ok(body);
        write(exchange, response.status(), response.body());
    }

    public void error(Exchange exchange) throws JsonProcessingException {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        if (caught instanceof ApiException api) {
            status = api.status();
            body.put("error", api.getMessage());
            if (!api.details().isEmpty()) {
                body.put("details", api.details());
            }
        } else {
            status = 500;
            log.error("REST request failed", caught);
            body.put("error", "internal error; see the service log");
        }
        write(exchange, status, body);
    }

    private void write(Exchange exchange, int status, Object body) throws JsonProcessingException {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body == null ? "" : json.writeValueAsString(body));
    }
}
