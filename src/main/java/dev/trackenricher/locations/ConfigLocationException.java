package dev.trackenricher.locations;

/** A routes or settings location that cannot be used; its message is one line naming it, for the operator. */
public class ConfigLocationException extends RuntimeException {

    ConfigLocationException(String message) {
        super(message);
    }
}
