package dev.trackenricher.batch.reprocess;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Hands a reprocess run's full summary from the job's step to whoever launched it (in this process).
 * The job repository keeps the counts; the per-track table would bloat its execution context.
 */
@Component
public class ReprocessResults {

    private final Map<Long, ReprocessSummary> byExecution = new ConcurrentHashMap<>();

    void put(ReprocessSummary summary) {
        byExecution.put(summary.jobExecutionId(), summary);
    }

    /** The summary of a finished run, forgotten here once taken. */
    ReprocessSummary take(long jobExecutionId) {
        return byExecution.remove(jobExecutionId);
    }
}
