package dev.trackenricher.enrich;

import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.breaker.SourceBreakers;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the routes refer to by name: each source's branch route (the template {@code source-branch}
 * of routes/sources.yaml, instantiated once per block in {@code enricher.sources}), each source's
 * breaker ({@code breaker-<source>}) and the bounded pool the fan-out runs its branches on.
 */
@Configuration
public class FanoutConfiguration {

    /** The route template of routes/sources.yaml every source's branch is made from. */
    public static final String BRANCH_TEMPLATE = "source-branch";
    /** The route template of routes/sources.yaml a batching source's batch request is made from. */
    public static final String BATCH_TEMPLATE = "source-batch";

    /**
     * The branches' threads. Bounded, and a full pool runs the branch on the caller's thread
     * (CallerRuns): a rejected task would otherwise leave the fan-out waiting for an answer
     * that never comes.
     */
    @Bean(destroyMethod = "")
    public ExecutorService sourceBranchPool(CamelContext camel, @Value("${enricher.fanout.threads:96}") int threads,
                                            @Value("${enricher.fanout.queue:1000}") int queue) {
        ThreadPoolProfile profile = new ThreadPoolProfile("sourceBranchPool");
        profile.setPoolSize(threads);
        profile.setMaxPoolSize(threads);
        profile.setMaxQueueSize(queue);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns);
        return camel.getExecutorServiceManager().newThreadPool(this, "source-branch", profile);
    }

    @Bean
    public CamelContextConfiguration bindSourceBreakers(SourceBreakers breakers) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                breakers.all().forEach(b -> camel.getRegistry().bind("breaker-" + b.getName(), b));
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing to do once started
            }
        };
    }

    /**
     * One branch route per configured source, {@code source-<name>} at {@code direct:source-<name>},
     * and for each source that asks in batches its batch route, {@code source-batch-<name>} at
     * {@code direct:batch-<name>}.
     */
    @Bean
    public RouteBuilder sourceBranchRoutes(SourcesProperties sources, SourceBatches batches) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                sources.sources().keySet().forEach(source -> templatedRoute(BRANCH_TEMPLATE)
                        .routeId("source-" + source)
                        .parameter("source", source));
                sources.sources().keySet().stream().filter(batches::batching).forEach(source -> templatedRoute(BATCH_TEMPLATE)
                        .routeId("source-batch-" + source)
                        .parameter("source", source));
            }
        };
    }
}
