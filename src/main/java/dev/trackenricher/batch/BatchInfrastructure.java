package dev.trackenricher.batch;

import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * A job launcher that returns at once, for tools that run a job in the background (the
 * benchmark). Nothing limits its threads, so it never makes a caller wait; the service itself
 * starts enrich runs through the enrich cycle ({@code batch.cycle.EnrichRuns}), one at a time.
 */
@Configuration
public class BatchInfrastructure {

    @Bean
    public JobLauncher backgroundJobLauncher(JobRepository jobRepository) throws Exception {
        TaskExecutorJobLauncher launcher = new TaskExecutorJobLauncher();
        launcher.setJobRepository(jobRepository);
        launcher.setTaskExecutor(new SimpleAsyncTaskExecutor("job-"));
        launcher.afterPropertiesSet();
        return launcher;
    }
}
