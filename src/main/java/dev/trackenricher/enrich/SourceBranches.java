package dev.trackenricher.enrich;

import dev.trackenricher.source.SourceClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Which source branches a track's fan-out sends to, and in what order, from the sources
 * themselves: every source the plan asks runs at once, except one that
 * {@link dev.trackenricher.source.SourceClient#runsAfter runs after} another the plan asks: that
 * one runs in the branch of the last of those to end, right after it (AcousticBrainz after
 * MusicBrainz, so it has the recording id). The routes call {@link #first} for the fan-out's
 * recipients and {@link #after} at the end of every branch.
 */
@Component("sourceBranches")
public class SourceBranches {

    /** Exchange property: which branches of this track have ended and which have been started. */
    static final String PROGRESS = "branchProgress";

    /** The endpoint of a source's branch route (instantiated from the template per configured source). */
    public static String endpoint(String source) {
        return "direct:source-" + source;
    }

    private record Progress(Set<String> started, Set<String> ended) {
    }

    /** For each source, the sources it runs after. */
    private final Map<String, Set<String>> before = new TreeMap<>();
    private final SourceClients clients;

    public SourceBranches(SourceClients clients) {
        this.clients = clients;
        clients.all().forEach(c -> before.put(c.name(), Set.copyOf(c.runsAfter())));
    }

    /** The branches to start with: every planned source that runs after no other planned source. */
    public List<String> first(Exchange exchange) {
        EnrichmentContext context = exchange.getProperty(EnrichmentContext.PROPERTY, EnrichmentContext.class);
        Progress progress = new Progress(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
        // shared by every copy of the exchange the fan-out makes: the branches see each other end
        exchange.setProperty(PROGRESS, progress);
        List<String> out = new ArrayList<>();
        if (context == null) {
            return out;
        }
        for (String source : context.plan()) {
            if (before.getOrDefault(source, Set.of()).stream().noneMatch(context::asks) && progress.started().add(source)) {
                out.add(endpoint(source));
            }
        }
        return out;
    }

    /**
     * The branches that may start now that this one ended: each planned source that runs after it,
     * once every planned source it runs after has ended (so it starts once, in the last one's branch).
     */
    public List<String> after(Exchange exchange) {
        EnrichmentContext context = exchange.getProperty(EnrichmentContext.PROPERTY, EnrichmentContext.class);
        Progress progress = exchange.getProperty(PROGRESS, Progress.class);
        String source = exchange.getProperty(Branch.SOURCE, String.class);
        List<String> out = new ArrayList<>();
        if (context == null || progress == null || source == null) {
            return out;
        }
        progress.ended().add(source);
        for (String follower : clients.followers(source)) {
            if (context.asks(follower)
                    && before.get(follower).stream().filter(context::asks).allMatch(progress.ended()::contains)
                    && progress.started().add(follower)) {
                out.add(endpoint(follower));
            }
        }
        return out;
    }
}
