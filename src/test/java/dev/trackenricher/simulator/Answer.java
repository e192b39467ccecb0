package dev.trackenricher.simulator;

import dev.trackenricher.support.wire.WireAnswer;
import java.util.Map;
import java.util.function.UnaryOperator;

/** What a simulated API sends back (in its wire format), and how the request log should count it. */
record Answer(WireAnswer wire, String kind) {

    /** An answer of the simulator itself (admin, its own errors), not of an API. */
    static Answer json(int status, String body, String kind) {
        return new Answer(WireAnswer.json(status, body), kind);
    }

    static Answer of(WireAnswer wire, String kind) {
        return new Answer(wire, kind);
    }

    int status() {
        return wire.status();
    }

    String contentType() {
        return wire.contentType();
    }

    String body() {
        return wire.body();
    }

    Map<String, String> headers() {
        return wire.headers();
    }

    /** The same answer, counted the same, with its wire answer changed (headers added, body cut). */
    Answer map(UnaryOperator<WireAnswer> change) {
        return new Answer(change.apply(wire), kind);
    }
}
