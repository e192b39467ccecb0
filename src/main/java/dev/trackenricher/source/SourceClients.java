package dev.trackenricher.source;

import dev.trackenricher.credentials.CredentialedSources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Every source, by name: each source bean must have a config block in {@code enricher.sources}
 * and each block a source bean; what a source {@link SourceClient#runsAfter runs after} must be a
 * source too, without a cycle. Checked at start-up, so a typo fails the start, not a run.
 */
@Component
public class SourceClients implements CredentialedSources {

    private final Map<String, SourceClient> byName = new TreeMap<>();

    public SourceClients(List<SourceClient> clients, SourcesProperties properties) {
        for (SourceClient c : clients) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalStateException("two source clients are named " + c.name());
            }
        }
        Set<String> configured = new TreeSet<>(properties.sources().keySet());
        if (!configured.equals(byName.keySet())) {
            throw new IllegalStateException("source config blocks " + configured
                    + " (enricher.sources) do not match the source clients " + byName.keySet());
        }
        byName.values().forEach(c -> c.runsAfter().forEach(before -> {
            if (!byName.containsKey(before)) {
                throw new IllegalStateException(c.name() + " runs after " + before + ", which is not a source; sources: " + byName.keySet());
            }
        }));
        byName.keySet().forEach(name -> requireNoCycle(name, new ArrayList<>()));
    }

    private void requireNoCycle(String source, List<String> path) {
        if (path.contains(source)) {
            path.add(source);
            throw new IllegalStateException("sources run after each other in a circle: " + String.join(" after ", path));
        }
        path.add(source);
        for (String before : byName.get(source).runsAfter()) {
            requireNoCycle(before, new ArrayList<>(path));
        }
    }

    public SourceClient get(String name) {
        SourceClient client = byName.get(name);
        if (client == null) {
            throw new IllegalArgumentException("unknown source: " + name);
        }
        return client;
    }

    public boolean exists(String name) {
        return name != null && byName.containsKey(name);
    }

    @Override
    public Set<String> names() {
        return byName.keySet();
    }

    @Override
    public List<String> credentialNames(String source) {
        return get(source).credentialNames();
    }

    public Collection<SourceClient> all() {
        return byName.values();
    }

    /** The sources that run after this one (directly). */
    public Set<String> followers(String source) {
        Set<String> out = new HashSet<>();
        byName.values().forEach(c -> {
            if (c.runsAfter().contains(source)) {
                out.add(c.name());
            }
        });
        return out;
    }
}
