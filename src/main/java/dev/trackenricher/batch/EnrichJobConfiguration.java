package dev.trackenricher.batch;

import dev.trackenricher.enrich.EnrichmentAssembler;
import dev.trackenricher.enrich.EnrichmentPlanner;
import dev.trackenricher.ops.TrackResultMetrics;
import dev.trackenricher.review.ReviewQueue;
import dev.trackenricher.status.EnrichmentResult;
import dev.trackenricher.status.TrackStatusRepository;
import dev.trackenricher.status.TrackToEnrich;
import java.time.Clock;
import org.apache.camel.ProducerTemplate;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.support.RunIdIncrementer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The enrich job: claim due tracks → enrich many at once through the Camel fan-out (bounded by
 * {@code enricher.batch.concurrency}, tracks flowing continuously, see {@link InFlightTrackReader})
 * → write each chunk in one transaction.
 */
@Configuration
public class EnrichJobConfiguration {

    public static final String JOB_NAME = "enrichJob";
    public static final String LIMIT = "limit";
    public static final String TRACK_IDS = "trackIds";
    /** the identifying parameter of every run (each run is a job instance of its own) */
    public static final String LAUNCH_ID = "launchId";

    @Bean
    public Job enrichJob(JobRepository jobRepository, Step enrichStep, EnrichRunLock oneRunAtATime) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .incrementer(new RunIdIncrementer())
                .listener(oneRunAtATime)
                .start(enrichStep)
                .build();
    }

    @Bean
    public Step enrichStep(JobRepository jobRepository, PlatformTransactionManager transactions, BatchSettings settings,
                           InFlightTrackReader enrichReader, EnrichmentWriter enrichWriter) {
        return new StepBuilder("enrichStep", jobRepository)
                .<EnrichmentResult, EnrichmentResult>chunk(settings.chunkSize(), transactions)
                .reader(enrichReader)
                .writer(enrichWriter)
                .listener(enrichReader)
                .listener(new ProgressLogger(settings.progressEvery()))
                .build();
    }

    @Bean
    @StepScope
    public InFlightTrackReader enrichReader(TrackStatusRepository claims, BatchSettings settings, RunDemands demands,
                                            EnrichRunLock oneRunAtATime,
                                            @Value("#{jobParameters['" + LAUNCH_ID + "']}") String launchId,
                                            @Value("#{jobParameters['" + LIMIT + "']}") Long limit,
                                            @Value("#{jobParameters['" + TRACK_IDS + "']}") String trackIds,
                                            EnrichItemProcessor enrichProcessor, ThreadPoolTaskExecutor tracksInFlight) {
        RunDemand demand = demands.forRun(launchId, limit, trackIds, settings.defaultLimit());
        // in flight: a chunk's worth beyond the running tracks, so the threads keep enriching while a
        // chunk is written, and a thread that finishes a track finds the next one waiting
        return new InFlightTrackReader(new ClaimingTrackReader(claims, settings, demand, oneRunAtATime::stillHeld), enrichProcessor,
                tracksInFlight, settings.chunkSize() + 2 * settings.concurrency(), settings.schedule().dueCheck());
    }

    @Bean
    public EnrichItemProcessor enrichProcessor(ProducerTemplate camel, EnrichmentPlanner planner, EnrichmentAssembler assembler,
                                               Clock clock, @Value("${enricher.fanout.parallel:true}") boolean parallel) {
        return new EnrichItemProcessor(camel, planner, assembler, clock, parallel);
    }

    @Bean
    public EnrichmentWriter enrichWriter(TrackStatusRepository statuses, TrackResultMetrics metrics, ReviewQueue reviews) {
        return new EnrichmentWriter(statuses, metrics, reviews);
    }

    /** The bound on tracks in flight: each runs its whole fan-out on one of these threads. */
    @Bean
    public ThreadPoolTaskExecutor tracksInFlight(BatchSettings settings) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(settings.concurrency());
        executor.setMaxPoolSize(settings.concurrency());
        executor.setThreadNamePrefix("track-");
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        return executor;
    }
}
