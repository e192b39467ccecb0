package dev.trackenricher.batch;

import dev.trackenricher.enrich.EnrichmentResult;
import dev.trackenricher.enrich.TrackToEnrich;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Future;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.item.ItemProcessor;
import org.springframework.batch.item.ItemReader;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Keeps tracks flowing through the fan-out: claims tracks ahead of the writer and starts each one's
 * enrichment as soon as it is claimed, keeping up to a chunk plus {@code concurrency} tracks in
 * flight. While one chunk is being written, or waits for its slowest track, the next tracks are
 * already being enriched, so the APIs never sit idle at chunk boundaries (with Spring Batch's
 * AsyncItemProcessor a chunk's tracks all start together and the next chunk waits for the write).
 * The items are futures; {@code AsyncItemWriter} waits for a chunk's own tracks and writes them.
 */
public class InFlightTrackReader implements ItemReader<Future<EnrichmentResult>>, StepExecutionListener {

    private final ClaimingTrackReader claims;
    private final ItemProcessor<TrackToEnrich, EnrichmentResult> enrich;
    private final AsyncTaskExecutor tracksInFlight;
    private final int window;
    private final Deque<Future<EnrichmentResult>> inFlight = new ArrayDeque<>();
    private boolean exhausted;

    public InFlightTrackReader(ClaimingTrackReader claims, ItemProcessor<TrackToEnrich, EnrichmentResult> enrich,
                               AsyncTaskExecutor tracksInFlight, int window) {
        this.claims = claims;
        this.enrich = enrich;
        this.tracksInFlight = tracksInFlight;
        this.window = window;
    }

    @Override
    public synchronized Future<EnrichmentResult> read() {
        while (!exhausted && inFlight.size() < window) {
            TrackToEnrich track = claims.read();
            if (track == null) {
                exhausted = true;
            } else {
                inFlight.addLast(tracksInFlight.submit(() -> enrich.process(track)));
            }
        }
        return inFlight.pollFirst();
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
