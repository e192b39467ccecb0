package dev.trackenricher.source;

import dev.trackenricher.credentials.Redactor;
import java.util.List;

/**
 * The source failed for this track: an HTTP error, a timeout, an unparsable body. Counts toward
 * the source's breaker. Its message is redacted as it is made (an API may echo our request, key
 * and all): the breaker's log, the stored error and /health all see the clean text.
 */
public class SourceFailureException extends RuntimeException {

    public SourceFailureException(String message) {
        super(Redactor.process().redact(message));
    }

    public SourceFailureException(String message, Throwable cause) {
        super(Redactor.process().redact(message), cause);
    }

    /** What the failure says about asking the source again (none, unless a subclass says so). */
    public List<Hint> hints() {
        return List.of();
    }
}
