package dev.trackenricher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations files (no Docker engine here, so they are read, not run): docker-compose.yml wires
 * PostgreSQL, the service, Prometheus and Grafana with the files under ops/; the dashboard has the
 * specification's panels; the alert rules cover an open breaker and a failure rate; and every
 * metric the dashboard and the rules query is one the service exports after an enrich run.
 */
class OpsFilesTest extends IntegrationTest {

    static final Path COMPOSE = Path.of("docker-compose.yml");
    static final Path PROMETHEUS = Path.of("ops/prometheus/prometheus.yml");
    static final Path ALERTS = Path.of("ops/prometheus/alerts.yml");
    static final Path DASHBOARD = Path.of("ops/grafana/dashboards/track-enricher.json");
    static final Path DATASOURCES = Path.of("ops/grafana/provisioning/datasources/prometheus.yml");
    static final Path DASHBOARD_PROVIDERS = Path.of("ops/grafana/provisioning/dashboards/track-enricher.yml");
    /** series Prometheus makes itself for each scrape target, not the service */
    static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
    /** labels Prometheus adds to every scraped series */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTheServiceWithPrometheusAndGrafanaProvisionedFromOps() throws IOException {
        Map<String, Object> compose = yaml(COMPOSE);
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsKeys("postgres", "track-enricher", "prometheus", "grafana");

        Map<String, Object> service = map(services.get("track-enricher"));
        assertThat(service.get("build")).isEqualTo(".");
        assertThat(Path.of("Dockerfile")).exists();
        assertThat(map(service.get("environment")).get("SPRING_DATASOURCE_URL").toString()).contains("//postgres:5432/");
        assertThat((List<Object>) service.get("ports")).contains("8020:8020");

        // every file or folder compose mounts from the repository exists
        for (String name : List.of("prometheus", "grafana")) {
            for (Object volume : (List<?>) map(services.get(name)).get("volumes")) {
                String host = volume.toString().split(":")[0];
                if (host.startsWith("./")) {
                    assertThat(Path.of(host)).as(name + " mounts " + host).exists();
                }
            }
        }
        assertThat(map(services.get("prometheus")).get("volumes").toString())
                .contains("./ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml")
                .contains("./ops/prometheus/alerts.yml:/etc/prometheus/alerts.yml");
        assertThat(map(services.get("grafana")).get("volumes").toString())
                .contains("./ops/grafana/provisioning:/etc/grafana/provisioning")
                .contains("./ops/grafana/dashboards:/etc/grafana/dashboards");

        // Prometheus scrapes the service's actuator endpoint by its compose name and loads the rules
        Map<String, Object> prometheus = yaml(PROMETHEUS);
        assertThat((List<Object>) prometheus.get("rule_files")).contains("/etc/prometheus/alerts.yml");
        Map<String, Object> job = map(((List<?>) prometheus.get("scrape_configs")).get(0));
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(job.get("static_configs").toString()).contains("track-enricher:8020");

        // Grafana: the datasource the dashboard names, and a provider reading the mounted folder
        Map<String, Object> datasource = map(((List<?>) yaml(DATASOURCES).get("datasources")).get(0));
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("uid", "prometheus")
                .containsEntry("url", "http://prometheus:9090");
        Map<String, Object> provider = map(((List<?>) yaml(DASHBOARD_PROVIDERS).get("providers")).get(0));
        assertThat(map(provider.get("options")).get("path")).isEqualTo("/etc/grafana/dashboards");
    }

    @Test
    void theDashboardHasTheSpecifiedPanels() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Map<String, String> typeByTitle = new LinkedHashMap<>();
        dashboard.path("panels").forEach(p -> typeByTitle.put(p.path("title").asText(), p.path("type").asText()));

        assertThat(typeByTitle).containsEntry("Enrichment success rate", "gauge")
                .containsEntry("Sources per track (histogram)", "bargauge")
                .containsEntry("Circuit breaker state per API", "state-timeline")
                .containsEntry("Source paused per API", "state-timeline")
                .containsEntry("Failed tracks over time", "timeseries")
                .containsEntry("API response time: $api", "heatmap")
                .containsEntry("Review items open", "timeseries");
        JsonNode heatmap = panel(dashboard, "API response time: $api");
        assertThat(heatmap.path("repeat").asText()).as("one heatmap per API").isEqualTo("api");
        assertThat(heatmap.path("targets").get(0).path("format").asText()).isEqualTo("heatmap");
        assertThat(expressions(panel(dashboard, "Circuit breaker state per API")).toString()).contains("enrichment_circuit_breaker_state");
        assertThat(expressions(panel(dashboard, "Source paused per API")).toString()).contains("enrichment_source_paused");
        assertThat(expressions(panel(dashboard, "Sources per track (histogram)")).toString()).contains("enrichment_sources_per_track_bucket");
        assertThat(expressions(panel(dashboard, "Review items open")).toString()).contains("enrichment_review_items{state=\"open\"}");
        dashboard.path("panels").forEach(p -> {
            if (!"row".equals(p.path("type").asText())) {
                assertThat(p.path("datasource").path("uid").asText()).as(p.path("title").asText()).isEqualTo("prometheus");
            }
        });
    }

    @Test
    void alertRulesCoverAnOpenBreakerAndAFailureRate() throws IOException {
        Map<String, Map<String, Object>> rules = alertRules();
        Map<String, Object> breaker = rules.get("EnrichmentCircuitBreakerOpen");
        assertThat(breaker.get("expr").toString()).contains("enrichment_circuit_breaker_state").contains("open");
        assertThat(breaker.get("for")).isEqualTo("5m");
        assertThat(rules.get("EnrichmentSourceFailureRateHigh").get("expr").toString())
                .contains("enrichment_tasks_total{status=\"failed\"}").contains("> 0.5");
        assertThat(rules.get("EnrichmentTrackFailureRateHigh").get("expr").toString())
                .contains("enrichment_track_results_total{status=\"failed\"}");
        rules.values().forEach(r -> assertThat(r).containsKeys("expr", "for", "labels", "annotations"));
    }

    @Test
    void everyMetricTheDashboardAndTheRulesQueryIsExported() throws Exception {
        List<TestTrack> tracks = IntStream.rangeClosed(520, 522).mapToObj(TestTrack::numbered).toList();
        tracks.forEach(ApiStubs::knowEverywhere);
        ApiStubs.answerAll("lastfm", ApiStubs.serverError());
        addTracks(tracks);
        runEnrich(null);
        Scrape scrape = Scrape.parse(new Http(port).get("/actuator/prometheus").body());
        Set<String> exported = scrape.names();

        Map<String, String> queries = new LinkedHashMap<>();
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        dashboard.path("panels").forEach(p -> expressions(p)
                .forEach(e -> queries.put("panel \"" + p.path("title").asText() + "\": " + e, e)));
        dashboard.path("templating").path("list").forEach(v -> {
            String q = v.path("query").isTextual() ? v.path("query").asText() : v.path("query").path("query").asText();
            queries.put("variable " + v.path("name").asText() + ": " + q, q);
        });
        alertRules().forEach((name, rule) -> queries.put("rule " + name, rule.get("expr").toString()));

        Set<String> all = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        List<String> unknownLabels = new ArrayList<>();
        queries.forEach((where, expr) -> {
            Set<String> names = PromQl.metricNames(expr);
            assertThat(names).as("no metric found in " + where).isNotEmpty();
            for (String name : names) {
                all.add(name);
                if (!exported.contains(name) && !PROMETHEUS_OWN.contains(name)) {
                    missing.add(name + " (" + where + ")");
                }
            }
            // every label it matches on or groups by is on at least one of its metrics
            for (String label : PromQl.labelNames(expr)) {
                boolean known = TARGET_LABELS.contains(label) || scrape.samples().stream()
                        .anyMatch(s -> names.contains(s.name()) && s.labels().containsKey(label));
                if (!known) {
                    unknownLabels.add(label + " (" + where + ")");
                }
            }
        });
        assertThat(missing).as("queried but not exported").isEmpty();
        assertThat(unknownLabels).as("labels no queried metric has").isEmpty();
        assertThat(all).contains("enrichment_tasks_total", "enrichment_circuit_breaker_state", "enrichment_sources_per_track_bucket",
                "enrichment_track_results_total", "enrichment_tracks", "api_response_time_seconds_bucket", "api_calls_total",
                "enrichment_cache_hits_total", "enrichment_cache_misses_total", "enrichment_review_items");
    }

    @Test
    void theQueryReaderFindsMetricNamesOnly() {
        assertThat(PromQl.metricNames("sum by (api, le) (rate(api_response_time_seconds_bucket{api=~\"$api\"}[$__rate_interval]))"))
                .containsExactly("api_response_time_seconds_bucket");
        assertThat(PromQl.metricNames("max by (api) (x_state{state=\"open\"}) + 2 * max without (le) (y_total offset 5m) > bool 0.5"))
                .containsExactly("x_state", "y_total");
        assertThat(PromQl.metricNames("label_values(api_calls_total, api)")).containsExactly("api_calls_total");
        assertThat(PromQl.labelNames("sum by (api, le) (rate(x_bucket{state=~\"open|half_open\", job!=\"a,b\"}[5m]))"))
                .containsExactly("api", "job", "le", "state");
        assertThat(PromQl.labelNames("label_values(api_calls_total, api)")).containsExactly("api");
    }

    private static JsonNode panel(JsonNode dashboard, String title) {
        for (JsonNode p : dashboard.path("panels")) {
            if (title.equals(p.path("title").asText())) {
                return p;
            }
        }
        throw new AssertionError("no panel " + title);
    }

    private static List<String> expressions(JsonNode panel) {
        List<String> exprs = new ArrayList<>();
        panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
        return exprs;
    }

    private static Map<String, Map<String, Object>> alertRules() throws IOException {
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        for (Object group : (List<?>) yaml(ALERTS).get("groups")) {
            for (Object rule : (List<?>) map(group).get("rules")) {
                rules.put(map(rule).get("alert").toString(), map(rule));
            }
        }
        return rules;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }
}
