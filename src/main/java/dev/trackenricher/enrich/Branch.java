package dev.trackenricher.enrich;

/** Exchange property names a source branch route uses. */
public final class Branch {

    /** the source this branch asks (set by the route template) */
    public static final String SOURCE = "source";
    /** true when the gate let the call through to the breaker */
    public static final String ADMITTED = "admitted";

    private Branch() {
    }
}
