package dev.trackenricher.source;

import java.util.List;

/**
 * The source failed for this track: an HTTP error, a timeout, an unparsable body. Counts toward
 * the source's breaker.
 */
public class SourceFailureException extends RuntimeException {

    public SourceFailureException(String message) {
        super(message);
    }

    public SourceFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What the failure says about asking the source again (none, unless a subclass says so). */
    public List<Hint> hints() {
        return List.of();
    }
}
