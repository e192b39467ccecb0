package dev.trackenricher.batch;

import dev.trackenricher.status.EnrichmentResult;
import dev.trackenricher.status.TrackToEnrich;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
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
 */
public class InFlightTrackReader implements ItemReader<EnrichmentResult>, StepExecutionListener {

    private final ClaimingTrackReader claims;
    private final ItemProcessor<TrackToEnrich, EnrichmentResult> enrich;
    private final CompletionService<EnrichmentResult> finished;
    private final int window;
    private final Set<Future<EnrichmentResult>> inFlight = new HashSet<>();
    private boolean exhausted;

    public InFlightTrackReader(ClaimingTrackReader claims, ItemProcessor<TrackToEnrich, EnrichmentResult> enrich,
                               AsyncTaskExecutor tracksInFlight, int window) {
        this.claims = claims;
        this.enrich = enrich;
        this.finished = new ExecutorCompletionService<>(tracksInFlight);
        this.window = window;
    }

    @Override
    public synchronized EnrichmentResult read() throws Exception {
        while (!exhausted && inFlight.size() < window) {
            TrackToEnrich track = claims.read();
            if (track == null) {
                exhausted = true;
            } else {
                inFlight.add(finished.submit(() -> enrich.process(track)));
            }
        }
        if (inFlight.isEmpty()) {
            return null;
        }
        Future<EnrichmentResult> done = finished.take();
        inFlight.remove(done);
        try {
            return done.get();
        } catch (ExecutionException e) {
            // the processor records every failure on the track itself; anything else is a bug worth stopping for
            throw new IllegalStateException("enriching a track failed unexpectedly", e.getCause());
        }
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        claims.beforeStep(stepExecution);
    }

    /** A step that ends early (failure, stop) abandons what it started and gives the claims back. */
    @Override
    public synchronized ExitStatus afterStep(StepExecution stepExecution) {
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
        return claims.afterStep(stepExecution);
    }
}
