package dev.trackenricher.api;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.task.DelegatingSecurityContextAsyncTaskExecutor;

/**
 * The threads the REST routes run on. Camel's platform-http on Spring Boot runs each request on an
 * Executor bean of the context, preferring a {@link DelegatingSecurityContextAsyncTaskExecutor};
 * without this one it took the first ThreadPoolTaskExecutor it found, the enrich job's track pool,
 * so during a run a GET /health queued behind the tracks in flight.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RestExecutorConfiguration {

    @Bean
    public ThreadPoolTaskExecutor restRequestPool(@Value("${enricher.api.threads:16}") int threads) {
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(threads);
        pool.setMaxPoolSize(threads);
        pool.setThreadNamePrefix("rest-");
        pool.setWaitForTasksToCompleteOnShutdown(false);
        pool.initialize();
        return pool;
    }

    /** Picked by the platform-http starter by this exact class; carries the caller's authentication into the route. */
    @Bean
    public DelegatingSecurityContextAsyncTaskExecutor restRequestExecutor(ThreadPoolTaskExecutor restRequestPool) {
        return new DelegatingSecurityContextAsyncTaskExecutor(restRequestPool);
    }
}
