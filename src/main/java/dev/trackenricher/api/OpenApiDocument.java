package dev.trackenricher.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * GET /api-docs: the REST API in OpenAPI 3.0, made of two halves that each stay beside what they describe.
 *
 * <ul>
 * <li>The running REST routes (the REST DSL's definitions, {@code routes/rest.yaml} or an operator's
 * routes directory) say which operations exist, each one's summary (its {@code description}) and its
 * operationId (its route id without {@code rest-}): the document never lists an operation that does
 * not run, and an operator's routes show as they are.
 * <li>The parts in {@code openapi/*.yaml} (classpath) say what each operation takes and answers: its
 * parameters, request body and responses with their schemas, by path and method as OpenAPI has them;
 * {@code openapi.yaml} holds the document's head and the shared components. A feature documents its
 * operations in its own part (a new file, no edit elsewhere), naming schemas the parts share.
 * </ul>
 *
 * <p>What follows from the service's own rules is added to every operation here, once: the bearer
 * token (optional for a read, which {@code open-reads} may leave open; required for anything else,
 * as the security filter decides by method) with its 401 answer, and the 413 of a body above
 * {@code enricher.api.max-request-size} for every method that may carry one.
 *
 * <p>Why not the REST DSL's own generator (camel-openapi-java): it takes schemas only from Java classes
 * through swagger-core, whose names are not the snake_case the service answers in, and most answers
 * here are built as maps; it had no request bodies, no error shapes and no security scheme.
 */
@Component
public class OpenApiDocument {

    private static final Logger log = LoggerFactory.getLogger(OpenApiDocument.class);
    private static final String PARTS = "classpath*:openapi/*.yaml";
    private static final String HEAD = "openapi.yaml";
    private static final Set<String> READS = Set.of("get", "head");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final CamelContext camel;
    private final ObjectMapper json;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private volatile Built built;

    public OpenApiDocument(CamelContext camel, ObjectMapper json) {
        this.camel = camel;
        this.json = json;
    }

    /** Running operations without documentation, and documented ones no route serves ("GET /tracks"). */
    public record Coverage(List<String> undocumented, List<String> unrouted) {
    }

    private record Built(ObjectNode document, Coverage coverage) {
    }

    public ApiResponse answer() {
        return ApiResponse.ok(document());
    }

    public ObjectNode document() {
        return build().document();
    }

    public Coverage coverage() {
        return build().coverage();
    }

    /** Built on first use: the REST definitions exist once Camel has started, and do not change after. */
    private Built build() {
        Built b = built;
        if (b == null) {
            synchronized (this) {
                if (built == null) {
                    built = assemble();
                    Coverage c = built.coverage();
                    if (!c.undocumented().isEmpty()) {
                        log.warn("/api-docs: these operations run but openapi/*.yaml does not document them: {}", c.undocumented());
                    }
                }
                b = built;
            }
        }
        return b;
    }

    private Built assemble() {
        Map<String, JsonNode> parts = readParts();
        JsonNode head = parts.remove(HEAD);
        if (head == null || !head.isObject()) {
            throw new IllegalStateException("openapi/" + HEAD + " is missing from the classpath");
        }
        ObjectNode document = head.deepCopy();
        Map<String, ObjectNode> documented = new LinkedHashMap<>();
        ObjectNode components = object(document, "components");
        collect("openapi/" + HEAD, head, documented, null);
        parts.forEach((name, part) -> collect("openapi/" + name, part, documented, components));

        ObjectNode paths = json.createObjectNode();
        document.set("paths", paths);
        List<String> undocumented = new ArrayList<>();
        Set<String> served = new java.util.HashSet<>();
        for (RestDefinition rest : ((ModelCamelContext) camel).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String method = verb.asVerb().toLowerCase(Locale.ROOT);
                String path = join(rest.getPath(), verb.getPath());
                String key = method.toUpperCase(Locale.ROOT) + " " + path;
                served.add(key);
                ObjectNode op = documented.containsKey(key) ? documented.get(key).deepCopy() : json.createObjectNode();
                if (!documented.containsKey(key)) {
                    undocumented.add(key);
                    object(object(op, "responses"), "default").put("description", "not documented");
                }
                complete(op, method, path, verb, document);
                object(paths, path).set(method, op);
            }
        }
        List<String> unrouted = documented.keySet().stream().filter(k -> !served.contains(k)).toList();
        return new Built(document, new Coverage(List.copyOf(undocumented), unrouted));
    }

    private void complete(ObjectNode op, String method, String path, VerbDefinition verb, ObjectNode document) {
        ObjectNode completed = json.createObjectNode();
        String routeId = verb.getRouteId();
        if (routeId != null) {
            completed.put("operationId", routeId.startsWith("rest-") ? routeId.substring("rest-".length()) : routeId);
        }
        if (verb.getDescriptionText() != null) {
            completed.put("summary", verb.getDescriptionText());
        }
        completed.setAll(op);
        if (verb.getDescriptionText() != null) {
            // the running route's words win: an operator's routes directory is described as it is
            completed.put("summary", verb.getDescriptionText());
        }
        if (!completed.has("tags")) {
            String tag = path.split("/")[1];
            completed.putArray("tags").add(tag);
            ensureTag(document, tag);
        }
        if (!completed.has("security")) {
            ArrayNode security = completed.putArray("security");
            if (READS.contains(method)) {
                // open unless enricher.security.open-reads is false
                security.addObject();
            }
            security.addObject().putArray("bearerAuth");
        }
        ObjectNode responses = object(completed, "responses");
        if (!responses.has("401")) {
            responses.putObject("401").put("$ref", "#/components/responses/Unauthorized");
        }
        if (!READS.contains(method) && !responses.has("413")) {
            responses.putObject("413").put("$ref", "#/components/responses/TooLarge");
        }
        op.removeAll();
        op.setAll(completed);
    }

    private void ensureTag(ObjectNode document, String tag) {
        if (!document.path("tags").isArray()) {
            document.putArray("tags");
        }
        ArrayNode tags = (ArrayNode) document.get("tags");
        for (JsonNode t : tags) {
            if (t.path("name").asText().equals(tag)) {
                return;
            }
        }
        tags.addObject().put("name", tag).put("description", "/" + tag);
    }

    /** A part's operations by "METHOD path", and its components into the document's; a name given twice fails. */
    private static void collect(String source, JsonNode part, Map<String, ObjectNode> documented, ObjectNode components) {
        part.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (!METHODS.contains(m.getKey())) {
                throw new IllegalStateException(source + ": " + p.getKey() + " has " + m.getKey() + ", which is no HTTP method");
            }
            String key = m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey();
            if (documented.put(key, (ObjectNode) m.getValue()) != null) {
                throw new IllegalStateException(source + ": " + key + " is documented twice");
            }
        }));
        if (components == null) {
            return;
        }
        part.path("components").fields().forEachRemaining(section -> section.getValue().fields().forEachRemaining(c -> {
            ObjectNode into = object(components, section.getKey());
            if (into.has(c.getKey())) {
                throw new IllegalStateException(source + ": components." + section.getKey() + "." + c.getKey() + " is defined twice");
            }
            into.set(c.getKey(), c.getValue());
        }));
    }

    private Map<String, JsonNode> readParts() {
        Map<String, JsonNode> parts = new LinkedHashMap<>();
        try {
            Resource[] found = new PathMatchingResourcePatternResolver(getClass().getClassLoader()).getResources(PARTS);
            Arrays.sort(found, Comparator.comparing(Resource::getFilename));
            for (Resource r : found) {
                try (InputStream in = r.getInputStream()) {
                    parts.put(r.getFilename(), yaml.readTree(in));
                } catch (IOException e) {
                    throw new UncheckedIOException("openapi/" + r.getFilename() + ": not readable YAML: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI parts " + PARTS, e);
        }
        return parts;
    }

    /** The object under a name, made when missing (by name: Jackson's with() reads "/tracks" as a JSON Pointer). */
    private static ObjectNode object(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        if (child instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(name);
    }

    private static String join(String base, String path) {
        String b = base == null ? "" : base;
        String p = path == null ? "" : path;
        String joined = (b + "/" + p).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
