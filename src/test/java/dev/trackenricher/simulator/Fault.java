package dev.trackenricher.simulator;

/** What a failing simulated call does instead of answering. */
public enum Fault {
    /** HTTP 500 with an HTML error page */
    ERROR_500,
    /** accepts the request and answers nothing for a long time */
    TIMEOUT,
    /** HTTP 200 with an HTML page where JSON was expected */
    HTML,
    /** HTTP 200 with JSON cut off half-way */
    TRUNCATED
}
