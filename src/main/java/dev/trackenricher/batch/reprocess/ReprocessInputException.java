package dev.trackenricher.batch.reprocess;

/** A reprocess filter that cannot be taken as given; the message names the flag or field. Nothing was changed. */
public class ReprocessInputException extends RuntimeException {

    public ReprocessInputException(String message) {
        super(message);
    }
}
