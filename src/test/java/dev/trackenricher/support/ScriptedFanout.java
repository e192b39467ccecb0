package dev.trackenricher.support;

import dev.trackenricher.enrich.EnrichmentAssembler;
import dev.trackenricher.enrich.EnrichmentContext;
import dev.trackenricher.enrich.EnrichmentPlanner;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Plays the fan-out for the job tests: {@code direct:enrich} plans with the real planner, has each
 * planned source answer as the test scripted it (no HTTP, no breakers), and concludes with the real
 * assembler and status rules. A track with no script is found by every source it asks.
 */
public class ScriptedFanout {

    private final Map<UUID, Map<String, Outcome>> scripts = new ConcurrentHashMap<>();
    private final Map<UUID, String> routeFailures = new ConcurrentHashMap<>();
    private final Map<UUID, List<List<String>>> asked = new ConcurrentHashMap<>();

    /** Each planned source answers this outcome for the track; a planned source not named answers not_found. */
    public void answer(UUID trackId, Map<String, Outcome> outcomes) {
        scripts.put(trackId, Map.copyOf(outcomes));
    }

    /** The route itself throws for this track (as if Camel failed), before any source answers. */
    public void failRoute(UUID trackId, String message) {
        routeFailures.put(trackId, message);
    }

    /** The sources each run asked for the track, one list per run, in the order the runs came. */
    public List<List<String>> asked(UUID trackId) {
        return List.copyOf(asked.getOrDefault(trackId, List.of()));
    }

    public void reset() {
        scripts.clear();
        routeFailures.clear();
        asked.clear();
    }

    RouteBuilder route(EnrichmentPlanner planner, EnrichmentAssembler assembler) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:enrich").routeId("scripted-enrich")
                        .bean(planner, "begin")
                        .process(ScriptedFanout.this::answerPlanned)
                        .bean(assembler, "assemble");
            }
        };
    }

    private void answerPlanned(Exchange exchange) {
        EnrichmentContext context = exchange.getProperty(EnrichmentContext.PROPERTY, EnrichmentContext.class);
        UUID id = context.track().trackId();
        String failure = routeFailures.get(id);
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        List<String> sources = new ArrayList<>(context.plan());
        asked.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(List.copyOf(sources));
        Map<String, Outcome> script = scripts.get(id);
        for (String source : sources) {
            Outcome outcome = script == null ? Outcome.FOUND : script.getOrDefault(source, Outcome.NOT_FOUND);
            context.record(switch (outcome) {
                case FOUND -> SourceResult.found(source, Map.of("genre", source + " genre"), null);
                case NOT_FOUND -> SourceResult.notFound(source, "no match");
                default -> SourceResult.of(source, outcome, "scripted " + outcome.wireName());
            });
        }
    }
}
