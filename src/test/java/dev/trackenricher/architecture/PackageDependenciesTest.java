package dev.trackenricher.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source layer's package rules, read from the imports of src/main/java: nothing under
 * {@code source} depends on the fan-out, the jobs, the REST layer, security, status or operations;
 * credentials depend on no source code; the leaf packages depend on nothing of ours; and no two
 * packages depend on each other, directly or round about.
 *
 * <p>Read from the import lines rather than with ArchUnit: the rules are few and the code imports
 * by name (no wildcards, no same-name classes in two packages), so the imports are the graph; a
 * test dependency more would buy nothing here.
 */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of("src/main/java/dev/trackenricher");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.trackenricher\\.((?:[a-z0-9]+\\.)*[a-z0-9]+)\\.[A-Z]",
            Pattern.MULTILINE);
    /** package → the packages of ours it imports. */
    private static final Map<String, Set<String>> DEPENDS = new TreeMap<>();

    @BeforeAll
    static void readImports() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> to = DEPENDS.computeIfAbsent(pkg.isEmpty() ? "(root)" : pkg, p -> new TreeSet<>());
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        to.add(m.group(1));
                    }
                }
            }
        }
        assertThat(DEPENDS).as("packages read").containsKeys("source", "source.http", "credentials", "enrich");
    }

    @Test
    void theSourceLayerDependsOnNothingAboveIt() {
        Set<String> above = Set.of("enrich", "security", "api", "batch", "status", "ops", "track", "cli", "database");
        DEPENDS.forEach((pkg, to) -> {
            if (pkg.equals("source") || pkg.startsWith("source.")) {
                assertThat(to).as(pkg).noneMatch(t -> above.contains(t.split("\\.")[0]));
            }
        });
    }

    @Test
    void credentialsDependOnNoSourceCodeAndTheLeavesOnNothingOfOurs() {
        assertThat(DEPENDS.get("credentials")).as("credentials").noneMatch(t -> t.equals("source") || t.startsWith("source."));
        for (String leaf : List.of("json", "music", "match")) {
            assertThat(DEPENDS.getOrDefault(leaf, Set.of())).as(leaf).isEmpty();
        }
        assertThat(DEPENDS.get("source")).as("the SPI").allMatch(t -> t.equals("credentials"));
    }

    /**
     * The top-level packages from the top floor down (docs/architecture.md, "The layers"): each may
     * import only those after it. Packages on one line of docs/architecture.md's leaves share a floor.
     */
    private static final List<Set<String>> FLOORS = List.of(
            Set.of("(root)"),
            Set.of("batch"),
            Set.of("ops"),
            Set.of("review"),
            Set.of("curation"),
            Set.of("enrich"),
            Set.of("track"),
            Set.of("status"),
            Set.of("source"),
            Set.of("credentials", "security"),
            Set.of("match", "music", "json", "api", "database", "cli", "locations"));

    @Test
    void everyPackageImportsOnlyPackagesBelowIt() {
        List<String> upward = new ArrayList<>();
        DEPENDS.forEach((pkg, to) -> {
            int from = floor(pkg);
            for (String t : to) {
                if (floor(t) <= from && !top(t).equals(top(pkg))) {
                    upward.add(pkg + " -> " + t);
                }
            }
        });
        assertThat(upward).as("imports that do not run down a floor").isEmpty();
    }

    private static String top(String pkg) {
        return pkg.split("\\.")[0];
    }

    private static int floor(String pkg) {
        for (int i = 0; i < FLOORS.size(); i++) {
            if (FLOORS.get(i).contains(top(pkg))) {
                return i;
            }
        }
        throw new AssertionError("package " + pkg + " is on no floor: add it to FLOORS and to docs/architecture.md");
    }

    @Test
    void noPackagesDependOnEachOther() {
        List<String> cycles = new ArrayList<>();
        for (String start : DEPENDS.keySet()) {
            findCycle(start, start, new ArrayList<>(List.of(start)), cycles);
        }
        assertThat(cycles).as("import cycles").isEmpty();
    }

    private static void findCycle(String start, String at, List<String> path, List<String> cycles) {
        for (String next : DEPENDS.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                findCycle(start, next, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
