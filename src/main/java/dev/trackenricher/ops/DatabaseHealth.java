package dev.trackenricher.ops;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Is the database answering? Asked with a bound ({@code enricher.health.database-timeout}): when
 * PostgreSQL is gone, getting a connection from the pool waits for the pool's connection timeout
 * (30 s by default), longer than a probe waits; this answers "down" in time instead. One question
 * is in flight at a time; callers meanwhile share its answer. It is also the actuator's {@code db}
 * health contributor (by its bean name), so /health and /actuator/health agree.
 */
@Component("dbHealthIndicator")
public class DatabaseHealth implements HealthIndicator, DisposableBean {

    private final JdbcTemplate jdbc;
    private final Duration timeout;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "database-health");
        t.setDaemon(true);
        return t;
    });
    private Future<Boolean> inFlight;

    public DatabaseHealth(JdbcTemplate jdbc, @Value("${enricher.health.database-timeout:2s}") Duration timeout) {
        this.jdbc = jdbc;
        this.timeout = timeout;
    }

    /** Up, or why not. */
    public Health check() {
        Future<Boolean> answer;
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = prober.submit(() -> Integer.valueOf(1).equals(jdbc.queryForObject("SELECT 1", Integer.class)));
            }
            answer = inFlight;
        }
        try {
            return Boolean.TRUE.equals(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) ? Health.up().withDetail("database", "PostgreSQL").build()
                    : Health.down().withDetail("error", "unexpected answer to SELECT 1").build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer within " + timeout.toMillis() + " ms").build();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Health.down().withDetail("error", cause.getClass().getSimpleName()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        }
    }

    public boolean up() {
        return "UP".equals(check().getStatus().getCode());
    }

    @Override
    public Health health() {
        return check();
    }

    @Override
    public void destroy() {
        prober.shutdownNow();
    }
}
