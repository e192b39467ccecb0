package dev.trackenricher.source;

/** The source failed for this track: an HTTP error, a timeout, an unparsable body. */
public class SourceFailureException extends RuntimeException {

    public SourceFailureException(String message) {
        super(message);
    }

    public SourceFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
