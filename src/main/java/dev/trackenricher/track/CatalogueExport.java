package dev.trackenricher.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The whole catalogue (or the tracks a filter takes) as CSV or JSON Lines, oldest first, one row per
 * track ({@link ExportColumns}), streamed from a database cursor in constant memory. The REST export
 * and the {@code export} command both read it. At most {@code max-concurrent-exports} run at once:
 * each holds a pooled connection for as long as its reader takes.
 */
@Component
public class CatalogueExport {

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final CatalogueSettings settings;
    private final Semaphore running;

    public CatalogueExport(DataSource dataSource, ObjectMapper json, CatalogueSettings settings) {
        this.dataSource = dataSource;
        this.json = json;
        this.settings = settings;
        this.running = new Semaphore(settings.maxConcurrentExports());
    }

    /** Every export slot is taken. */
    public static final class Busy extends RuntimeException {
        Busy(int max) {
            super(max + " exports are running, the most enricher.catalogue.max-concurrent-exports allows; try again when one has ended");
        }
    }

    /**
     * Opens an export; its rows are read as the stream is. Close the stream whatever happens: it
     * holds a database connection and an export slot until then.
     *
     * @throws Busy when {@code max-concurrent-exports} are running
     */
    public ExportStream open(TrackFilter filter, ExportFormat format) throws SQLException, IOException {
        if (!running.tryAcquire()) {
            throw new Busy(settings.maxConcurrentExports());
        }
        AtomicBoolean released = new AtomicBoolean();
        TrackQuery query = TrackQuery.of(ExportColumns.SELECT, filter, TrackOrder.OLDEST, null, null);
        return ExportStream.open(dataSource, query, settings.exportFetchSize(), json, format, () -> {
            if (released.compareAndSet(false, true)) {
                running.release();
            }
        });
    }
}
