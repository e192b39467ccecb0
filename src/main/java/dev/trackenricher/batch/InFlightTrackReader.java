package dev.trackenricher.batch;

import dev.trackenricher.status.EnrichmentResult;
import dev.trackenricher.status.TrackToEnrich;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.item.ItemProcessor;
import org.springframework.batch.item.ItemReader;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Keeps tracks flowing through the fan-out and hands the writer tracks as they finish. It claims
 * tracks and starts each one's enrichment at once, keeping {@code window} tracks in flight, and
 * {@link #read()} returns the next track to <em>finish</em>, whichever it is. A chunk is therefore
 * the next tracks done: the writer never waits for a slow track while the others sit idle, and the
 * APIs never go quiet at chunk boundaries. (With Spring Batch's AsyncItemProcessor a chunk's tracks
 * start together, and the next chunk starts only when the slowest one is written.)
 *
 * <p>A run goes on while anything is in flight or due: when a claim finds nothing, it looks again
 * every {@code dueCheck} while tracks are still in flight (sooner when a trigger offered the run
 * more), so a track that becomes due during a long run is taken by that run. It ends when nothing
 * is in flight, a look made then found nothing due (or its allowance spent), and no trigger offered
 * more since; ending closes its {@link RunDemand} in the same step, so a trigger is either taken by
 * this run or refused by it (and served by the next), never accepted by a run that has stopped reading.
 */
public class InFlightTrackReader implements ItemReader<EnrichmentResult>, StepExecutionListener {

    private final ClaimingTrackReader claims;
    private final ItemProcessor<TrackToEnrich, EnrichmentResult> enrich;
    private final CompletionService<EnrichmentResult> finished;
    private final int window;
    private final long dueCheckNanos;
    private final Set<Future<EnrichmentResult>> inFlight = new HashSet<>();
    /** when the last claim found nothing (0: it found something), and the demand's version then */
    private long emptySince;
    private long versionAtEmpty = -1;
    private boolean closed;

    public InFlightTrackReader(ClaimingTrackReader claims, ItemProcessor<TrackToEnrich, EnrichmentResult> enrich,
                               AsyncTaskExecutor tracksInFlight, int window, Duration dueCheck) {
        this.claims = claims;
        this.enrich = enrich;
        this.finished = new ExecutorCompletionService<>(tracksInFlight);
        this.window = window;
        this.dueCheckNanos = Math.max(1, dueCheck.toNanos());
    }

    @Override
    public synchronized EnrichmentResult read() throws Exception {
        while (true) {
            long version = claims.demand().version();
            boolean nothingMore = fill();
            if (inFlight.isEmpty()) {
                if (closed) {
                    return null;
                }
                // the end, unless a trigger offered more since the look (then look again at once)
                if (nothingMore && claims.demand().closeIfUnchanged(version)) {
                    closed = true;
                    return null;
                }
                emptySince = 0;
                continue;
            }
            Future<EnrichmentResult> done = emptySince == 0 ? finished.take() : finished.poll(untilNextLook(), TimeUnit.NANOSECONDS);
            if (done != null) {
                inFlight.remove(done);
                try {
                    return done.get();
                } catch (ExecutionException e) {
                    // the processor records every failure on the track itself; anything else is a bug worth stopping for
                    throw new IllegalStateException("enriching a track failed unexpectedly", e.getCause());
                }
            }
        }
    }

    /**
     * Claims and starts tracks up to the window; after a claim that found nothing, claims again only
     * once dueCheck has passed or more was offered.
     *
     * @return true when it looked and found nothing more to start (nothing due, or the run's allowance spent)
     */
    private boolean fill() {
        while (!closed && inFlight.size() < window) {
            if (claims.finished()) {
                return true;
            }
            if (emptySince != 0 && untilNextLook() > 0 && claims.demand().version() == versionAtEmpty) {
                return false;
            }
            long version = claims.demand().version();
            TrackToEnrich track = claims.read();
            if (track == null) {
                emptySince = System.nanoTime();
                versionAtEmpty = version;
                return true;
            }
            emptySince = 0;
            inFlight.add(finished.submit(() -> enrich.process(track)));
        }
        return false;
    }

    private long untilNextLook() {
        return Math.max(0, emptySince + dueCheckNanos - System.nanoTime());
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        claims.beforeStep(stepExecution);
    }

    /** A step that ends early (failure, stop) abandons what it started and gives the claims back. */
    @Override
    public synchronized ExitStatus afterStep(StepExecution stepExecution) {
        closed = true;
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
        return claims.afterStep(stepExecution);
    }
}
