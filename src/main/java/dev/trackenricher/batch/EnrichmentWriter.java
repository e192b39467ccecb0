package dev.trackenricher.batch;

import dev.trackenricher.enrich.TrackSummaryLog;
import dev.trackenricher.ops.TrackResultMetrics;
import dev.trackenricher.review.ReviewQueue;
import dev.trackenricher.status.EnrichmentResult;
import dev.trackenricher.status.TrackStatusRepository;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;

/** Persists a chunk's results in the chunk's transaction: metadata, status, per-source outcomes, the review items they open. */
public class EnrichmentWriter implements ItemWriter<EnrichmentResult> {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentWriter.class);

    private final TrackStatusRepository statuses;
    private final TrackResultMetrics metrics;
    private final ReviewQueue reviews;

    public EnrichmentWriter(TrackStatusRepository statuses, TrackResultMetrics metrics, ReviewQueue reviews) {
        this.statuses = statuses;
        this.metrics = metrics;
        this.reviews = reviews;
    }

    @Override
    public void write(Chunk<? extends EnrichmentResult> chunk) {
        List<EnrichmentResult> written = statuses.save(chunk.getItems());
        reviews.record(written);
        if (written.size() < chunk.size()) {
            log.warn("{} of {} tracks were not written: their claim had expired and another run took them",
                    chunk.size() - written.size(), chunk.size());
        }
        written.forEach(r -> {
            TrackSummaryLog.log(r);
            metrics.record(r);
        });
    }
}
