package dev.trackenricher.batch;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The demand of each run this instance launched, by its launch id, so that triggers arriving while
 * it runs reach its reader. A run launched without one (a tool, a test) gets the demand its job
 * parameters say: {@code limit} and {@code trackIds}.
 */
@Component
public class RunDemands {

    private final Map<String, RunDemand> byLaunch = new ConcurrentHashMap<>();

    public void register(String launchId, RunDemand demand) {
        byLaunch.put(launchId, demand);
    }

    public void forget(String launchId) {
        byLaunch.remove(launchId);
    }

    RunDemand forRun(String launchId, Long limit, String trackIds, int defaultLimit) {
        RunDemand registered = launchId == null ? null : byLaunch.get(launchId);
        if (registered != null) {
            return registered;
        }
        List<UUID> ids = trackIds == null || trackIds.isBlank() ? List.of()
                : Arrays.stream(trackIds.split(",")).map(String::trim).map(UUID::fromString).toList();
        Integer max = limit == null ? null : (int) Math.min(Integer.MAX_VALUE, limit);
        return RunDemand.of(max, ids, defaultLimit);
    }
}
