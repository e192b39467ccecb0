package dev.trackenricher.enrich;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The fan-out's aggregation strategy. Branches record their own results on the shared context, so
 * this only has to make sure no branch's exception escapes the multicast: it is logged, noted on
 * the context and cleared. Sources left without a result are failed by the assembler.
 */
@Component
public class BranchAggregator implements AggregationStrategy {

    private static final Logger log = LoggerFactory.getLogger(BranchAggregator.class);

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        if (newExchange != null && newExchange.getException() != null) {
            Exception e = newExchange.getException();
            newExchange.setException(null);
            EnrichmentContext context = newExchange.getProperty(EnrichmentContext.PROPERTY, EnrichmentContext.class);
            if (context != null) {
                context.noteBranchError(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            log.warn("a source branch threw into the fan-out (cleared): {}", e.toString());
        }
        return oldExchange != null ? oldExchange : newExchange;
    }

    @Override
    public void timeout(Exchange oldExchange, int index, int total, long timeout) {
        log.warn("fan-out timed out after {} ms with {} of {} branches answered", timeout, index, total);
    }
}
