package dev.trackenricher.source;

import java.util.List;

/**
 * The source refused our configuration (an invalid or suspended key): a failure that also stops
 * the source ({@link Hint.Stop}) until its credentials change or an operator resets it.
 */
public class SourceConfigurationException extends SourceFailureException {

    public SourceConfigurationException(String message) {
        super(message);
    }

    @Override
    public List<Hint> hints() {
        return List.of(Hint.stop(getMessage()));
    }
}
