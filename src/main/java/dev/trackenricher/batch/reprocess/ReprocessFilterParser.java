package dev.trackenricher.batch.reprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.source.SourcesProperties;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Turns command-line flags or a REST body into a checked {@link ReprocessFilter}. Both go through
 * the same checks; a bad value is refused with a message naming the flag (or field) as given.
 */
@Component
public class ReprocessFilterParser {

    /** --days beyond this would reach before the calendar PostgreSQL keeps; no catalogue is that old. */
    static final int MAX_DAYS = 100_000;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern UUID_TEXT = Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private final SourcesProperties sources;
    private final ReprocessSettings settings;
    private final ObjectMapper json;

    public ReprocessFilterParser(SourcesProperties sources, ReprocessSettings settings, ObjectMapper json) {
        this.sources = sources;
        this.settings = settings;
        this.json = json;
    }

    /** The command line's flags ({@code --days 7}, {@code --days=7}, {@code --track-id ID} repeated …). */
    public ReprocessFilter fromArgs(List<String> args) {
        Input input = new Input();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String flag = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            String value = arg.startsWith("--") && eq > 0 ? arg.substring(eq + 1) : null;
            ReprocessOption option = ReprocessOption.byFlag(flag).orElseThrow(() -> bad(arg.startsWith("-")
                    ? "unknown flag " + flag + " (see --help)" : "unexpected argument \"" + arg + "\" (see --help)"));
            if (!option.takesValue) {
                if (value != null) {
                    throw bad(flag + ": takes no value");
                }
                input.flag(option, flag);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw bad(flag + ": needs a value (" + flag + " " + option.valueName + ")");
                }
                value = args.get(++i);
            }
            input.value(option, flag, value);
        }
        return check(input);
    }

    /** A REST body: a JSON object of filters, camelCase ({@code dryRun}) or snake_case ({@code dry_run}). */
    public ReprocessFilter fromJson(String body) {
        Input input = new Input();
        if (body == null || body.isBlank()) {
            return check(input);
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw bad("body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!root.isObject()) {
            throw bad("body: must be a JSON object of filters, e.g. {\"days\": 7, \"dryRun\": true}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            ReprocessOption option = ReprocessOption.byField(name).orElseThrow(() -> bad(name + ": unknown field; known: "
                    + Stream.of(ReprocessOption.values()).map(o -> o.fields.get(0)).collect(Collectors.joining(", "))));
            if (value.isNull()) {
                continue;
            }
            switch (option) {
                case RETRIABLE_ONLY, NON_RETRIABLE_ONLY, DRY_RUN, TRIGGER_NOW -> {
                    if (!value.isBoolean()) {
                        throw bad(name + ": must be true or false, got " + value);
                    }
                    if (value.booleanValue()) {
                        input.flag(option, name);
                    }
                }
                case DAYS, LIMIT -> {
                    if (!value.isIntegralNumber()) {
                        throw bad(name + ": must be a whole number, got " + value);
                    }
                    input.value(option, name, value.asText());
                }
                case TRACK_ID -> {
                    List<JsonNode> ids = new ArrayList<>();
                    if (value.isArray()) {
                        value.forEach(ids::add);
                    } else {
                        ids.add(value);
                    }
                    for (JsonNode id : ids) {
                        if (!id.isTextual()) {
                            throw bad(name + ": track ids are strings (UUIDs), got " + id);
                        }
                        input.value(option, name, id.asText());
                    }
                }
                default -> {
                    if (!value.isTextual()) {
                        throw bad(name + ": must be a string, got " + value);
                    }
                    input.value(option, name, value.asText());
                }
            }
        }
        return check(input);
    }

    private ReprocessFilter check(Input in) {
        Integer days = in.has(ReprocessOption.DAYS) ? positive(in, ReprocessOption.DAYS, MAX_DAYS) : null;
        LocalDate start = date(in, ReprocessOption.START_DATE);
        LocalDate end = date(in, ReprocessOption.END_DATE);
        if (start != null && end != null && end.isBefore(start)) {
            throw bad(in.name(ReprocessOption.END_DATE) + ": " + end + " is before " + in.name(ReprocessOption.START_DATE) + " " + start);
        }
        List<UUID> ids = new ArrayList<>();
        for (String id : in.trackIds) {
            String text = id.trim();
            if (!UUID_TEXT.matcher(text).matches()) {
                throw bad(in.name(ReprocessOption.TRACK_ID) + ": \"" + shorten(id) + "\" is not a track id (a UUID such as "
                        + "0b9f8a6e-4c1d-4f5e-9a7b-3c2d1e0f9a8b)");
            }
            UUID uuid = UUID.fromString(text);
            if (!ids.contains(uuid)) {
                ids.add(uuid);
            }
        }
        boolean retriableOnly = in.flags.contains(ReprocessOption.RETRIABLE_ONLY);
        boolean nonRetriableOnly = in.flags.contains(ReprocessOption.NON_RETRIABLE_ONLY);
        if (retriableOnly && nonRetriableOnly) {
            throw bad(in.name(ReprocessOption.RETRIABLE_ONLY) + " and " + in.name(ReprocessOption.NON_RETRIABLE_ONLY)
                    + " exclude each other; give at most one");
        }
        String source = null;
        if (in.has(ReprocessOption.SOURCE)) {
            source = in.values.get(ReprocessOption.SOURCE).trim().toLowerCase(Locale.ROOT);
            if (!sources.sources().containsKey(source)) {
                throw bad(in.name(ReprocessOption.SOURCE) + ": unknown source \"" + shorten(in.values.get(ReprocessOption.SOURCE))
                        + "\"; configured: " + String.join(", ", sources.sources().keySet()));
            }
        }
        int limit = in.has(ReprocessOption.LIMIT) ? positive(in, ReprocessOption.LIMIT, Integer.MAX_VALUE) : settings.defaultLimit();
        return new ReprocessFilter(days, start, end, ids, retriableOnly ? Boolean.TRUE : nonRetriableOnly ? Boolean.FALSE : null,
                source, limit, in.flags.contains(ReprocessOption.DRY_RUN), in.flags.contains(ReprocessOption.TRIGGER_NOW));
    }

    private static int positive(Input in, ReprocessOption option, int max) {
        String text = in.values.get(option).trim();
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw bad(in.name(option) + ": \"" + shorten(text) + "\" is not a whole number");
        }
        if (n <= 0) {
            throw bad(in.name(option) + ": must be a positive whole number, got " + n);
        }
        if (n > max) {
            throw bad(in.name(option) + ": must be at most " + max + ", got " + n);
        }
        return (int) n;
    }

    private static LocalDate date(Input in, ReprocessOption option) {
        if (!in.has(option)) {
            return null;
        }
        String text = in.values.get(option).trim();
        if (!DATE.matcher(text).matches()) {
            throw bad(in.name(option) + ": \"" + shorten(text) + "\" is not a date in the form YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(text); // ISO_LOCAL_DATE resolves strictly: 2025-02-30 is refused
        } catch (DateTimeException e) {
            throw bad(in.name(option) + ": " + text + " is not a day of the calendar");
        }
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static ReprocessInputException bad(String message) {
        return new ReprocessInputException(message);
    }

    /** What was given, before checking, with the name each option was given under. */
    private static final class Input {
        final Map<ReprocessOption, String> values = new EnumMap<>(ReprocessOption.class);
        final Map<ReprocessOption, String> names = new EnumMap<>(ReprocessOption.class);
        final List<String> trackIds = new ArrayList<>();
        final Set<ReprocessOption> flags = EnumSet.noneOf(ReprocessOption.class);

        void flag(ReprocessOption option, String name) {
            flags.add(option);
            names.putIfAbsent(option, name);
        }

        void value(ReprocessOption option, String name, String value) {
            if (option == ReprocessOption.TRACK_ID) {
                trackIds.add(value);
                names.putIfAbsent(option, name);
                return;
            }
            if (values.containsKey(option)) {
                throw bad(name + ": given more than once");
            }
            values.put(option, value);
            names.put(option, name);
        }

        boolean has(ReprocessOption option) {
            return values.containsKey(option);
        }

        String name(ReprocessOption option) {
            return names.getOrDefault(option, option.flag);
        }
    }
}
