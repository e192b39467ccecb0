package dev.trackenricher.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.task.DelegatingSecurityContextAsyncTaskExecutor;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The threads the REST routes run on. Camel's platform-http on Spring Boot runs every request of
 * every route on one Executor bean of the context ({@code CompletableFuture.runAsync(…, executor)}
 * from the servlet thread), preferring a {@link DelegatingSecurityContextAsyncTaskExecutor};
 * without this one it took the first ThreadPoolTaskExecutor it found, the enrich job's track pool,
 * so during a run a GET /health queued behind the tracks in flight.
 *
 * <p>{@code GET /health} does not queue behind other requests at all: it is answered inline, on the
 * servlet container's thread that received it ({@link InlineOrPool}), so however many slow
 * requests fill the REST pool and its queue, the health answer waits for none of them. It is
 * bounded by itself: in-memory state and one database check cut off at
 * {@code enricher.health.database-timeout}. The probes ({@code /actuator/health/**}) are Spring MVC
 * endpoints, never on this executor.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RestExecutorConfiguration {

    /** REST paths answered on the receiving thread: cheap, bounded, and what monitoring depends on. */
    static final Set<String> INLINE_PATHS = Set.of("/health");

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
        return new DelegatingSecurityContextAsyncTaskExecutor(new InlineOrPool(restRequestPool));
    }

    /**
     * Runs a REST request on the pool, or, for {@link #INLINE_PATHS}, at once on the calling thread.
     * The starter calls {@code execute} on the servlet thread handling the request, where Spring MVC
     * keeps the request in {@link RequestContextHolder}: that is how the path is known here.
     */
    static final class InlineOrPool implements AsyncTaskExecutor {

        private final ThreadPoolTaskExecutor pool;

        InlineOrPool(ThreadPoolTaskExecutor pool) {
            this.pool = pool;
        }

        @Override
        public void execute(Runnable task) {
            if (inline()) {
                task.run();
            } else {
                pool.execute(task);
            }
        }

        @Override
        public Future<?> submit(Runnable task) {
            FutureTask<Object> future = new FutureTask<>(task, null);
            execute(future);
            return future;
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            FutureTask<T> future = new FutureTask<>(task);
            execute(future);
            return future;
        }

        static boolean inline() {
            RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
            if (!(attributes instanceof ServletRequestAttributes servlet)) {
                return false;
            }
            HttpServletRequest request = servlet.getRequest();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return "GET".equals(request.getMethod()) && INLINE_PATHS.contains(path);
        }
    }
}
