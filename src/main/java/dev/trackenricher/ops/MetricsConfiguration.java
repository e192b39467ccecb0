package dev.trackenricher.ops;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Adjustments to meters that libraries register. */
@Configuration
public class MetricsConfiguration {

    /**
     * Spring Batch registers {@code spring.batch.job.active} twice: its own long task timer (tag
     * {@code spring.batch.job.active.name}) and the one its job observation creates (tags
     * {@code spring.batch.job.name}, {@code spring.batch.job.status}). Prometheus needs one set of
     * tag keys per name, so the second failed to register (a WARN at the first run) and the active
     * jobs were exported under the odd tag. Keep the observation's, which matches the other
     * spring_batch_* meters; drop the duplicate.
     */
    @Bean
    public MeterFilter dropDuplicateBatchActiveJobTimer() {
        return MeterFilter.deny(id -> "spring.batch.job.active".equals(id.getName())
                && id.getTag("spring.batch.job.active.name") != null);
    }
}
