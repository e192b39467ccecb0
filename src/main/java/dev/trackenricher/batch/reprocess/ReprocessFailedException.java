package dev.trackenricher.batch.reprocess;

/** A reprocess run that did not complete; {@link #summary()} is what it had done, if anything (else null). */
public class ReprocessFailedException extends RuntimeException {

    private final transient ReprocessSummary summary;

    public ReprocessFailedException(String message, ReprocessSummary summary) {
        super(message);
        this.summary = summary;
    }

    public ReprocessSummary summary() {
        return summary;
    }
}
