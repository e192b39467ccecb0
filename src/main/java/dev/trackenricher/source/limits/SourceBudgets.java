package dev.trackenricher.source.limits;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The optional budget in each source's block ({@code enricher.sources.<name>.budget: {requests: 2500, per: 1h}}):
 * at most that many requests to the source in any window of {@code per}, counted over every instance.
 * For a quota the operator shares with other tools; the API's own limits are the rate and its answers.
 */
@ConfigurationProperties("enricher")
public record SourceBudgets(Map<String, Block> sources) {

    /** What of a source's block is read here: its budget, if any. */
    public record Block(Budget budget) {
    }

    /** {@code requests} per {@code per}. */
    public record Budget(int requests, Duration per) {
        public Budget {
            if (requests <= 0) {
                throw new IllegalArgumentException("budget.requests must be a positive whole number, not " + requests);
            }
            if (per == null || per.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("budget.per must be a duration of a minute or more (1h, 1d), not " + per);
            }
        }

        /** "2500 requests per 1h". */
        public String describe() {
            return requests + " requests per " + human(per);
        }

        static String human(Duration d) {
            if (d.toDaysPart() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
                return d.toDays() + "d";
            }
            if (d.equals(Duration.ofHours(d.toHours()))) {
                return d.toHours() + "h";
            }
            if (d.equals(Duration.ofMinutes(d.toMinutes()))) {
                return d.toMinutes() + "m";
            }
            return d.toSeconds() + "s";
        }
    }

    public SourceBudgets {
        sources = sources == null ? new TreeMap<>() : new TreeMap<>(sources);
    }

    /** No budget for any source. */
    public static SourceBudgets none() {
        return new SourceBudgets(Map.of());
    }

    public Optional<Budget> of(String source) {
        return Optional.ofNullable(sources.get(source)).map(Block::budget);
    }
}
