package dev.trackenricher.enrich;

import dev.trackenricher.source.SourceClients;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The call inside a branch's circuit breaker: the branch's source (by its name, from the registry of
 * sources) asked about the admitted request. Whatever it throws is the breaker's to count and the
 * fallback's to classify.
 */
@Component("sourceCall")
public class SourceCall {

    private final SourceClients clients;

    public SourceCall(SourceClients clients) {
        this.clients = clients;
    }

    public SourceResult fetch(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        String source = exchange.getProperty(Branch.SOURCE, String.class);
        return clients.get(source).fetch(exchange.getMessage().getMandatoryBody(SourceRequest.class));
    }
}
