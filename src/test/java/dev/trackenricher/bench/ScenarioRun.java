package dev.trackenricher.bench;

import dev.trackenricher.TrackEnricherApplication;
import dev.trackenricher.batch.EnrichJobConfiguration;
import dev.trackenricher.simulator.ApiSimulator;
import dev.trackenricher.simulator.Catalogue;
import dev.trackenricher.simulator.Catalogue.SimTrack;
import dev.trackenricher.simulator.SimulatorConfig;
import dev.trackenricher.track.NewTrack;
import dev.trackenricher.track.TrackRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One benchmark scenario: a simulator with its behaviour, the service (a Spring context of the real
 * application) pointed at it with the scenario's settings, a fresh catalogue, one enrich run.
 */
final class ScenarioRun implements AutoCloseable {

    final ApiSimulator sim;
    final ConfigurableApplicationContext service;
    final JdbcTemplate jdbc;

    ScenarioRun(String jdbcUrl, SimulatorConfig config, Map<String, String> settings) throws Exception {
        this.sim = ApiSimulator.start(config, ApiSimulator.catalogue(config, Path.of("sample-data/tracks.csv")));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", jdbcUrl);
        props.put("spring.datasource.username", "postgres");
        props.put("spring.main.banner-mode", "off");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.dev.trackenricher", "ERROR");
        props.put("logging.level.org.apache.camel", "ERROR");
        props.put("logging.level.org.springframework.batch", "ERROR");
        props.put("spring.datasource.hikari.maximum-pool-size", "40");
        // a scenario starts its own run; one that measures the enrichment cycle sets enricher.batch.schedule.enabled=true
        props.put("enricher.batch.schedule.enabled", "false");
        props.putAll(sim.serviceProperties());
        props.putAll(settings);
        // as command-line arguments: they must win over batch-config/, which default properties would not
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        this.service = new SpringApplicationBuilder(TrackEnricherApplication.class).web(WebApplicationType.NONE).run(args);
        this.jdbc = service.getBean(JdbcTemplate.class);
        // the rate-limit buckets stay: their state carries the last run's spacing, as in production
        jdbc.execute("TRUNCATE tracks, enrichment_status, enrichment_source_status, api_cache CASCADE");
    }

    /** Adds {@code n} synthetic tracks of the simulator's catalogue, starting at {@code from}. */
    List<UUID> addTracks(int from, int n) {
        List<SimTrack> synthetic = sim.catalogue().all().stream().filter(t -> t.artist().startsWith("Sim Artist")).toList();
        if (from + n > synthetic.size()) {
            throw new IllegalStateException("the simulator's catalogue has only " + synthetic.size() + " synthetic tracks");
        }
        return service.getBean(TrackRepository.class).insertAll(synthetic.subList(from, from + n).stream()
                .map(t -> new NewTrack(t.artist(), t.title(), null, null, null)).toList());
    }

    Catalogue catalogue() {
        return sim.catalogue();
    }

    /** Runs the enrich job over every due track (or until {@code stopAfter}) and returns the figures. */
    Result enrich(Integer limit, Duration stopAfter) throws Exception {
        JobLauncher launcher = service.getBean("backgroundJobLauncher", JobLauncher.class);
        Job job = service.getBean(EnrichJobConfiguration.JOB_NAME, Job.class);
        JobParametersBuilder params = new JobParametersBuilder().addString("launchId", UUID.randomUUID().toString());
        if (limit != null) {
            params.addLong(EnrichJobConfiguration.LIMIT, limit.longValue());
        }
        long start = System.currentTimeMillis();
        JobExecution execution = launcher.run(job, params.toJobParameters());
        boolean stopped = false;
        while (execution.isRunning()) {
            Thread.sleep(50);
            if (!stopped && stopAfter != null && System.currentTimeMillis() - start > stopAfter.toMillis()) {
                service.getBean(JobOperator.class).stop(execution.getId());
                stopped = true;
            }
        }
        long end = System.currentTimeMillis();
        if (execution.getStatus() != BatchStatus.COMPLETED && execution.getStatus() != BatchStatus.STOPPED) {
            throw new IllegalStateException("enrich run ended " + execution.getStatus() + ": " + execution.getAllFailureExceptions());
        }
        long written = execution.getStepExecutions().stream().mapToLong(s -> s.getWriteCount()).sum();
        return new Result(written, start, end);
    }

    record Result(long tracks, long startMillis, long endMillis) {
        double seconds() {
            return (endMillis - startMillis) / 1000.0;
        }

        double tracksPerSecond() {
            return tracks / seconds();
        }
    }

    @Override
    public void close() {
        service.close();
        sim.close();
    }
}
