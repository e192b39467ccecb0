package dev.trackenricher.source;

/**
 * The source refused our configuration (an invalid or suspended key): asking again cannot help,
 * so the source stops until an operator resets it.
 */
public class SourceConfigurationException extends SourceFailureException {

    public SourceConfigurationException(String message) {
        super(message);
    }
}
