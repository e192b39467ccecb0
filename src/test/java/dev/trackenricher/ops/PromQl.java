package dev.trackenricher.ops;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression (or a Grafana query using $variables) selects. */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "offset", "and", "or", "unless", "inf", "nan", "atan2");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern LABEL_VALUES_LABEL = Pattern.compile("label_values\\(\\s*[a-zA-Z_:][a-zA-Z0-9_:]*\\s*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)");

    private PromQl() {
    }

    /** The label names an expression matches on or groups by (a variable query: the label it lists). */
    static Set<String> labelNames(String expr) {
        Set<String> labels = new TreeSet<>();
        Matcher lv = LABEL_VALUES_LABEL.matcher(expr);
        if (lv.find()) {
            labels.add(lv.group(1));
            return labels;
        }
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        Matcher m = MATCHERS.matcher(s);
        while (m.find()) {
            Matcher l = MATCHER_LABEL.matcher(m.group(1));
            while (l.find()) {
                labels.add(l.group(1));
            }
        }
        Matcher g = GROUPING.matcher(s);
        while (g.find()) {
            for (String label : g.group(1).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        return labels;
    }

    static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher lv = LABEL_VALUES.matcher(expr);
        if (lv.find()) {
            // a Grafana variable query: label_values(metric, label)
            names.add(lv.group(1));
            return names;
        }
        String s = expr
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")            // string literals
                .replaceAll("\\{[^}]*}", " ")                                // label matchers
                .replaceAll("\\[[^]]*]", " ")                                // range selectors
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*}?", " ")          // Grafana variables
                .replaceAll("\\b(?:\\d+(?:ms|s|m|h|d|w|y))+\\b", " ")            // durations (offset 5m)
                .replaceAll("\\b\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?\\b", " ");    // numbers
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String token = m.group();
            String rest = s.substring(m.end()).stripLeading();
            if (rest.startsWith("(") || KEYWORDS.contains(token.toLowerCase())) {
                continue; // a function or aggregation, or a keyword
            }
            names.add(token);
        }
        return names;
    }
}
