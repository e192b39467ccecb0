package dev.trackenricher.batch;

import dev.trackenricher.status.TrackStatusRepository;
import dev.trackenricher.status.TrackToEnrich;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.item.ItemReader;

/**
 * Reads due tracks by claiming them a chunk at a time, as its run's {@link RunDemand} asks: named
 * tracks first, then (when it takes every due track) any due track, up to its allowance. It does
 * not end at the first empty claim: {@link #read()} returning null means "nothing due right now",
 * and a later call claims again what became due since (a new track, an expired back-off). The
 * run's total is kept honest as it grows: tracks claimed so far plus those due and not yet claimed.
 * When the step ends without writing some of its claims (a failure, a stop), it gives them back at once.
 */
public class ClaimingTrackReader implements ItemReader<TrackToEnrich>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ClaimingTrackReader.class);
    static final String TOTAL_KEY = "enrich.total";
    static final String TOTAL_AT_START_KEY = "enrich.total.start";

    private final TrackStatusRepository claims;
    private final BatchSettings settings;
    private final RunDemand demand;
    /** whether the run still holds the one-run-at-a-time lock (by job execution id) */
    private final LongPredicate mayClaim;
    private final UUID claimToken = UUID.randomUUID();
    private final Deque<TrackToEnrich> buffer = new ArrayDeque<>();
    private StepExecution step;
    private int claimed;
    private boolean lockLost;

    public ClaimingTrackReader(TrackStatusRepository claims, BatchSettings settings, RunDemand demand, LongPredicate mayClaim) {
        this.claims = claims;
        this.settings = settings;
        this.demand = demand;
        this.mayClaim = mayClaim;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.step = stepExecution;
        int due = dueLeft();
        stepExecution.getExecutionContext().putInt(TOTAL_KEY, due);
        stepExecution.getExecutionContext().putInt(TOTAL_AT_START_KEY, due);
        log.info("enrich run {}: {} tracks due ({}; up to {})", stepExecution.getJobExecutionId(), due,
                demand.everyDue() ? "every due track" : "the tracks it was asked for", demand.room());
    }

    @Override
    public synchronized TrackToEnrich read() {
        if (buffer.isEmpty() && !lockLost) {
            claimNext();
        }
        return buffer.poll();
    }

    private void claimNext() {
        if (step != null && !mayClaim.test(step.getJobExecutionId())) {
            lockLost = true;
            demand.close();
            log.error("enrich run {} lost the one-run-at-a-time lock (its database session ended); it takes no more tracks",
                    step.getJobExecutionId());
            return;
        }
        List<TrackToEnrich> batch = List.of();
        for (RunDemand.Next next = demand.next(settings.chunkSize()); !next.nothing(); next = demand.next(settings.chunkSize())) {
            batch = claims.claim(next.max(), claimToken, settings.claimTimeout(), next.ids());
            demand.claimed(batch.size());
            if (!batch.isEmpty() || next.ids().isEmpty()) {
                break;
            }
            // none of these named tracks was due: try the next ones, or every due track
        }
        claimed += batch.size();
        buffer.addAll(batch);
        if (step != null) {
            int total = claimed + dueLeft();
            int before = step.getExecutionContext().getInt(TOTAL_KEY, 0);
            step.getExecutionContext().putInt(TOTAL_KEY, total);
            if (total > before && before > 0 && !batch.isEmpty() && log.isDebugEnabled()) {
                log.debug("enrich run {}: total now {} (more tracks became due)", step.getJobExecutionId(), total);
            }
        }
    }

    /** Tracks due and not yet claimed that this run would still take. */
    private int dueLeft() {
        long room = demand.room();
        if (room == 0) {
            return 0;
        }
        int due = demand.everyDue() ? claims.countDue(settings.claimTimeout(), List.of())
                : demand.namedLeft().isEmpty() ? 0 : claims.countDue(settings.claimTimeout(), demand.namedLeft());
        return (int) Math.min(room, due);
    }

    /** True when it has handed out its last track for good: its allowance is spent (or it lost the lock) and nothing is left in hand. */
    synchronized boolean finished() {
        return buffer.isEmpty() && (lockLost || demand.room() == 0);
    }

    RunDemand demand() {
        return demand;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        demand.close();
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
