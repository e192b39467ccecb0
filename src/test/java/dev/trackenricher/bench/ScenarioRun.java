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

    static final Path SAMPLE = Path.of("sample-data/tracks.csv");

    final ApiSimulator sim;
    final ConfigurableApplicationContext service;
    final JdbcTemplate jdbc;

    ScenarioRun(String jdbcUrl, SimulatorConfig config, Map<String, String> settings) throws Exception {
        this.sim = ApiSimulator.start(config, ApiSimulator.catalogue(config, SAMPLE));
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
        // the sources' spacing (source_send_spacing) stays: it carries the last run's, as in production
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

    /** How many tracks the sample catalogue (sample-data/tracks.csv) holds. */
    static int sampleSize() throws java.io.IOException {
        return Catalogue.readSample(SAMPLE).size();
    }

    /** The first {@code n} tracks of the simulator's catalogue: the sample ones, then synthetic ones. */
    List<SimTrack> catalogueTracks(int n) {
        List<SimTrack> all = sim.catalogue().all();
        if (n > all.size()) {
            throw new IllegalStateException("the simulator's catalogue has only " + all.size() + " tracks");
        }
        return all.subList(0, n);
    }

    /**
     * Adds these tracks as a catalogue would hold them: artist, title, the ISRC when the track has one
     * (half of them), and the sample's duration where sample-data/tracks.csv gives one.
     */
    List<UUID> addCatalogue(List<SimTrack> tracks) throws java.io.IOException {
        Map<String, Integer> durations = new java.util.HashMap<>();
        for (String[] row : Catalogue.readSample(SAMPLE)) {
            if (row[2] != null && !row[2].isBlank()) {
                durations.put(row[0] + "\u0000" + row[1], Integer.valueOf(row[2].trim()));
            }
        }
        return service.getBean(TrackRepository.class).insertAll(tracks.stream()
                .map(t -> new NewTrack(t.artist(), t.title(), t.isrc(), null, durations.get(t.artist() + "\u0000" + t.title()))).toList());
    }

    /** Starts one enrich run over every due track, as a trigger does; true once it has ended. */
    java.util.function.BooleanSupplier trigger() throws Exception {
        JobLauncher launcher = service.getBean("backgroundJobLauncher", JobLauncher.class);
        Job job = service.getBean(EnrichJobConfiguration.JOB_NAME, Job.class);
        JobExecution execution = launcher.run(job, new JobParametersBuilder().addString("launchId", UUID.randomUUID().toString())
                .toJobParameters());
        return () -> !execution.isRunning();
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
