package dev.trackenricher.batch;

import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/** Job launching that returns at once (REST answers 202 with the execution id while the run goes on). */
@Configuration
public class BatchInfrastructure {

    @Bean
    public JobLauncher backgroundJobLauncher(JobRepository jobRepository) throws Exception {
        TaskExecutorJobLauncher launcher = new TaskExecutorJobLauncher();
        launcher.setJobRepository(jobRepository);
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("job-");
        executor.setConcurrencyLimit(4);
        launcher.setTaskExecutor(executor);
        launcher.afterPropertiesSet();
        return launcher;
    }
}
