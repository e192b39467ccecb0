package dev.trackenricher.source;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/** Every source client, by name; each configured source must have one and vice versa. */
@Component
public class SourceClients {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SourceClients.class);

    private final Map<String, SourceClient> byName = new TreeMap<>();

    public SourceClients(List<SourceClient> clients, SourcesProperties properties) {
        clients.forEach(c -> byName.put(c.name(), c));
        byName.values().forEach(c -> {
            if (!properties.settings(c.name()).enabled()) {
                log.info("{}: disabled by configuration; its attempts are recorded as skipped", c.name());
            } else if (!c.credentialsPresent()) {
                log.warn("{}: no credentials configured (enricher.sources.{}.*); its attempts are recorded as skipped", c.name(), c.name());
            }
        });
        Set<String> configured = new TreeSet<>(properties.sources().keySet());
        if (!configured.equals(byName.keySet())) {
            throw new IllegalStateException("source config blocks " + configured
                    + " do not match the source clients " + byName.keySet());
        }
    }

    public SourceClient get(String name) {
        SourceClient client = byName.get(name);
        if (client == null) {
            throw new IllegalArgumentException("unknown source: " + name);
        }
        return client;
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public Collection<SourceClient> all() {
        return byName.values();
    }
}
