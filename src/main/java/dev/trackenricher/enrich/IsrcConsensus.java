package dev.trackenricher.enrich;

import dev.trackenricher.music.Isrc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ISRC the sources agree on. A source may offer several (MusicBrainz lists a recording's
 * {@code isrcs}, its {@code isrc} being the first valid one); the merged {@code isrc} is the valid
 * code offered by the most sources, in their {@code isrc} or {@code isrcs}; a tie goes to the
 * highest-priority source's own {@code isrc}. Invalid codes count for nothing, and neither does a
 * code that is another offered one with a registrant zero typed as the letter O ({@link Isrc#preferred}).
 */
final class IsrcConsensus {

    /** The winning code and the source whose {@code isrc} it is (or, failing that, the first that lists it). */
    record Choice(String isrc, String source) {
    }

    /**
     * @param isrcByPriority each source's {@code isrc}, best source first
     * @param listed         each source's {@code isrcs} list (raw)
     */
    Optional<Choice> decide(List<SourceValue> isrcByPriority, Map<String, Object> listed) {
        Map<String, Set<String>> offeredBy = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (SourceValue v : isrcByPriority) {
            order.add(v.source());
            Isrc.parse(v.value() == null ? null : v.value().toString())
                    .ifPresent(code -> offeredBy.computeIfAbsent(code, c -> new LinkedHashSet<>()).add(v.source()));
        }
        listed.forEach((source, list) -> {
            if (list instanceof List<?> codes) {
                for (Object c : codes) {
                    Isrc.parse(c == null ? null : c.toString())
                            .ifPresent(code -> offeredBy.computeIfAbsent(code, k -> new LinkedHashSet<>()).add(source));
                }
            }
        });
        // a code that is another offered code with a zero typed as the letter O passes the form; its twin gives it away
        List<String> allowed = Isrc.preferred(List.copyOf(offeredBy.keySet()));
        offeredBy.keySet().retainAll(allowed);
        Choice best = null;
        int bestCount = 0;
        // codes in the order of the sources' own isrc (priority), so a tie keeps the priority winner
        for (SourceValue v : isrcByPriority) {
            Optional<String> code = Isrc.parse(v.value() == null ? null : v.value().toString());
            if (code.isPresent() && offeredBy.containsKey(code.get()) && offeredBy.get(code.get()).size() > bestCount) {
                best = new Choice(code.get(), v.source());
                bestCount = offeredBy.get(code.get()).size();
            }
        }
        for (Map.Entry<String, Set<String>> e : offeredBy.entrySet()) {
            if (e.getValue().size() > bestCount) {
                String source = order.stream().filter(e.getValue()::contains).findFirst().orElse(e.getValue().iterator().next());
                best = new Choice(e.getKey(), source);
                bestCount = e.getValue().size();
            }
        }
        return Optional.ofNullable(best);
    }
}
