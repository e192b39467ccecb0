package dev.trackenricher.enrich;

import dev.trackenricher.source.SourceClient;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A source whose answers a test scripts: no HTTP, it records what it was asked and when. */
final class ScriptedSource implements SourceClient {

    /** One call: the request, and when the fetch began and ended ({@link System#nanoTime()}). */
    record Call(SourceRequest request, long startedNanos, long endedNanos) {
    }

    private final String name;
    private final List<String> credentials;
    private final Set<String> after;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Function<SourceRequest, SourceResult> answer;

    ScriptedSource(String name, List<String> credentials, Set<String> after) {
        this.name = name;
        this.credentials = credentials;
        this.after = after;
        reset();
    }

    void reset() {
        calls.clear();
        answer = r -> SourceResult.found(name, Map.of("title", r.title(), name + "_id", "id-of-" + r.title()), 1.0);
    }

    void answers(Function<SourceRequest, SourceResult> script) {
        this.answer = script;
    }

    List<Call> calls() {
        return calls;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> credentialNames() {
        return credentials;
    }

    @Override
    public Set<String> runsAfter() {
        return after;
    }

    @Override
    public Optional<String> missingPrerequisite(SourceRequest request) {
        return request.title().startsWith("unknowable") ? Optional.of("needs what this track lacks") : Optional.empty();
    }

    @Override
    public SourceResult fetch(SourceRequest request) {
        long start = System.nanoTime();
        try {
            return answer.apply(request);
        } finally {
            calls.add(new Call(request, start, System.nanoTime()));
        }
    }
}
