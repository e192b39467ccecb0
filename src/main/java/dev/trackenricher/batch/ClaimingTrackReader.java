package dev.trackenricher.batch;

import dev.trackenricher.status.TrackStatusRepository;
import dev.trackenricher.status.TrackToEnrich;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.item.ItemReader;

/**
 * Reads due tracks by claiming them a chunk at a time, up to the run's limit. When the step ends
 * without writing some of its claims (a failure, a stop), it gives them back at once.
 */
public class ClaimingTrackReader implements ItemReader<TrackToEnrich>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ClaimingTrackReader.class);
    static final String TOTAL_KEY = "enrich.total";

    private final TrackStatusRepository claims;
    private final BatchSettings settings;
    private final int limit;
    private final List<UUID> onlyIds;
    private final UUID claimToken = UUID.randomUUID();
    private final Deque<TrackToEnrich> buffer = new ArrayDeque<>();
    private int claimed;
    private boolean exhausted;

    public ClaimingTrackReader(TrackStatusRepository claims, BatchSettings settings, int limit, List<UUID> onlyIds) {
        this.claims = claims;
        this.settings = settings;
        this.limit = limit;
        this.onlyIds = onlyIds;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        int due = Math.min(limit, claims.countDue(settings.claimTimeout(), onlyIds));
        stepExecution.getExecutionContext().putInt(TOTAL_KEY, due);
        log.info("enrich run {}: {} tracks due (limit {})", stepExecution.getJobExecutionId(), due, limit);
    }

    @Override
    public synchronized TrackToEnrich read() {
        if (buffer.isEmpty() && !exhausted) {
            int want = Math.min(settings.chunkSize(), limit - claimed);
            List<TrackToEnrich> batch = want <= 0 ? List.of() : claims.claim(want, claimToken, settings.claimTimeout(), onlyIds);
            claimed += batch.size();
            buffer.addAll(batch);
            exhausted = batch.isEmpty();
        }
        return buffer.poll();
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        int released = claims.release(claimToken);
        if (released > 0) {
            log.warn("enrich run {} ended with {} claimed tracks unwritten; released them", stepExecution.getJobExecutionId(), released);
        }
        return stepExecution.getExitStatus();
    }

    UUID claimToken() {
        return claimToken;
    }
}
