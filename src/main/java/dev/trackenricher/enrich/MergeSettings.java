package dev.trackenricher.enrich;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which source wins a field that several found ({@code enricher.merge} in batch-config/merge.yml):
 * {@code field-priority.<field>} lists sources best first; fields not listed follow
 * {@code default-priority}; a source named in neither comes last.
 */
@ConfigurationProperties("enricher.merge")
public record MergeSettings(List<String> defaultPriority, Map<String, List<String>> fieldPriority) {

    public MergeSettings {
        defaultPriority = defaultPriority == null ? List.of() : List.copyOf(defaultPriority);
        fieldPriority = fieldPriority == null ? Map.of() : Map.copyOf(fieldPriority);
    }

    /** Rank of a source for a field: lower wins. */
    public int rank(String field, String source) {
        List<String> order = fieldPriority.get(field);
        if (order != null && order.contains(source)) {
            return order.indexOf(source);
        }
        int offset = order == null ? 0 : order.size();
        int i = defaultPriority.indexOf(source);
        return offset + (i < 0 ? defaultPriority.size() : i);
    }
}
