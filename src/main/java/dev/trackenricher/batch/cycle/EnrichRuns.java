package dev.trackenricher.batch.cycle;

import dev.trackenricher.batch.BatchSettings;
import dev.trackenricher.batch.EnrichJobConfiguration;
import dev.trackenricher.batch.EnrichJobLauncher;
import dev.trackenricher.batch.EnrichRunLock;
import dev.trackenricher.batch.RunDemand;
import dev.trackenricher.batch.RunDemands;
import dev.trackenricher.batch.RunOwnership;
import dev.trackenricher.status.TrackStatusRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.stereotype.Component;

/**
 * Every enrich run of this instance starts here — the cycle's ticks, {@code POST /enrich/trigger},
 * {@code reprocess --trigger-now} and the nightly run — and only one runs at a time across all
 * instances ({@link EnrichRunLock}, a PostgreSQL advisory lock). Nothing here waits for a run:
 *
 * <ul>
 * <li>no run going: the lock is taken and a run started for the request; its id is the answer;</li>
 * <li>a run going here: the request is offered to it (its {@link RunDemand}): it takes the named
 *     tracks next, or from now on every due track; its id is the answer;</li>
 * <li>a run going on another instance: the answer is its id; that run takes every due track
 *     (tracks it does not take are kept here and started as soon as the lock is free, at the next
 *     tick at the latest);</li>
 * <li>a run here that has taken its last track and is ending: the request waits for its end (at
 *     most {@code enricher.batch.schedule.trigger-wait}) and starts the next run.</li>
 * </ul>
 */
@Component
public class EnrichRuns {

    private static final Logger log = LoggerFactory.getLogger(EnrichRuns.class);
    /** how often a trigger looks again while another instance is between taking the lock and recording its run */
    private static final long LOOK_AGAIN_MS = 50;

    private final EnrichJobLauncher launcher;
    private final EnrichRunLock lock;
    private final RunDemands demands;
    private final TrackStatusRepository statuses;
    private final JobExplorer explorer;
    private final RunOwnership ownership;
    private final BatchSettings settings;
    /** guards {@link #current}; held only for quick work (a lock attempt, creating a job execution) */
    private final ReentrantLock monitor = new ReentrantLock();
    private final Queue<RunRequest> pending = new ConcurrentLinkedQueue<>();
    private Run current;
    private volatile long skipLoggedFor = -1;
    private volatile boolean lastTickFailed;

    public EnrichRuns(EnrichJobLauncher launcher, EnrichRunLock lock, RunDemands demands, TrackStatusRepository statuses,
                      JobExplorer explorer, RunOwnership ownership, BatchSettings settings) {
        this.launcher = launcher;
        this.lock = lock;
        this.demands = demands;
        this.statuses = statuses;
        this.explorer = explorer;
        this.ownership = ownership;
        this.settings = settings;
    }

    private record Run(String launchId, long executionId, RunDemand demand, CompletableFuture<Void> ended) {
    }

    /** Serves a trigger at once (see the class comment); the answer names the run that takes its tracks. */
    public TriggerAnswer request(RunRequest request) {
        long deadline = System.nanoTime() + settings.schedule().triggerWait().toNanos();
        while (true) {
            CompletableFuture<Void> ending = null;
            if (!tryLock(deadline)) {
                return queued(request, null);
            }
            Long endingId = null;
            try {
                if (current != null) {
                    if (current.demand().offer(request.limit(), request.trackIds(), settings.defaultLimit())) {
                        log.debug("enrich trigger ({}): run {} is going here and takes {}", request.origin(), current.executionId(),
                                what(request));
                        return new TriggerAnswer(current.executionId(), BatchStatus.STARTED.name(), TriggerAnswer.JOINED,
                                ownership.instanceId(), "run " + current.executionId() + " is going on this instance; it takes "
                                + what(request) + " (one enrich run at a time across all instances)");
                    }
                    ending = current.ended();
                    endingId = current.executionId();
                } else {
                    Optional<EnrichRunLock.Held> held = lock.tryAcquire();
                    if (held.isPresent()) {
                        JobExecution started = start(held.get(), request);
                        return new TriggerAnswer(started.getId(), started.getStatus().name(), TriggerAnswer.STARTED,
                                ownership.instanceId(), "run " + started.getId() + " started; it takes " + what(request));
                    }
                    Optional<JobExecution> elsewhere = runningElsewhere();
                    if (elsewhere.isPresent()) {
                        return elsewhere(request, elsewhere.get());
                    }
                }
            } finally {
                monitor.unlock();
            }
            // a run here is ending, or another instance is between taking the lock and recording its run (or ending one)
            if (!awaitUntil(ending, deadline)) {
                return queued(request, endingId);
            }
        }
    }

    /**
     * A tick of the cycle ({@code cycle}: take every due track) or a look at the requests kept for
     * when the lock is free. Never waits: a run going here or elsewhere makes it start nothing.
     */
    public void tick(boolean cycle) {
        if (!monitor.tryLock()) {
            return;
        }
        try {
            if (current != null) {
                if (cycle && !current.demand().everyDue()
                        && current.demand().offer(null, List.of(), settings.defaultLimit())) {
                    // a run started for named tracks (a reprocess) would otherwise keep new tracks waiting until it ends
                    log.info("enrich cycle: run {} was started for named tracks; it now takes every due track too", current.executionId());
                } else {
                    logSkip(current.executionId(), "on this instance");
                }
                return;
            }
            if (!cycle && pending.isEmpty()) {
                return;
            }
            Optional<EnrichRunLock.Held> held = lock.tryAcquire();
            if (held.isEmpty()) {
                runningElsewhere().ifPresentOrElse(e -> logSkip(e.getId(), ownership.ownerOf(e.getId()).map(o -> "on " + o)
                        .orElse("on another instance")), () -> log.debug("enrich cycle: another instance holds the run lock"));
                return;
            }
            RunRequest request = cycle ? RunRequest.dueNow(null, "cycle") : pending.poll();
            RunDemand wanted = RunDemand.of(request.limit(), request.trackIds(), settings.defaultLimit());
            pending.forEach(p -> wanted.offer(p.limit(), p.trackIds(), settings.defaultLimit()));
            if (!anyDue(wanted)) {
                held.get().close();
                pending.clear();
                log.debug("enrich cycle: nothing due");
                return;
            }
            start(held.get(), request);
            if (lastTickFailed) {
                log.info("enrich cycle: runs start again");
                lastTickFailed = false;
            }
        } catch (RuntimeException e) {
            if (!lastTickFailed) {
                log.warn("enrich cycle: could not start a run (will try again at the next tick): {}", e.getMessage());
                lastTickFailed = true;
            }
        } finally {
            monitor.unlock();
        }
    }

    /** Whether a run started by this instance is going (for the tests and the log). */
    public Optional<Long> runningHere() {
        monitor.lock();
        try {
            return Optional.ofNullable(current).map(Run::executionId);
        } finally {
            monitor.unlock();
        }
    }

    /** Under the monitor, with the lock in hand: starts a run for the request and every one kept for it. */
    private JobExecution start(EnrichRunLock.Held held, RunRequest request) {
        String launchId = UUID.randomUUID().toString();
        RunDemand demand = RunDemand.of(request.limit(), request.trackIds(), settings.defaultLimit());
        for (RunRequest kept = pending.poll(); kept != null; kept = pending.poll()) {
            demand.offer(kept.limit(), kept.trackIds(), settings.defaultLimit());
        }
        demands.register(launchId, demand);
        lock.handOver(launchId, held);
        CompletableFuture<Void> ended = new CompletableFuture<>();
        try {
            JobExecution execution = launcher.start(launchId, request.limit(), request.trackIds(), () -> ended(launchId, ended));
            current = new Run(launchId, execution.getId(), demand, ended);
            skipLoggedFor = -1;
            log.info("enrich run {} started ({}): it takes {}", execution.getId(), request.origin(), what(request));
            return execution;
        } catch (RuntimeException e) {
            lock.takeBack(launchId);
            demands.forget(launchId);
            throw e;
        }
    }

    /** On the run's thread, once the job repository has its end. */
    private void ended(String launchId, CompletableFuture<Void> ended) {
        // a job that failed before its listener took the lock hands it back here
        lock.takeBack(launchId);
        monitor.lock();
        try {
            if (current != null && current.launchId().equals(launchId)) {
                current = null;
            }
            demands.forget(launchId);
        } finally {
            monitor.unlock();
        }
        ended.complete(null);
        if (!pending.isEmpty()) {
            // requests that came while it ended: the next run, now
            tick(false);
        }
    }

    private TriggerAnswer elsewhere(RunRequest request, JobExecution running) {
        // kept: if that run does not take them (it was started for other named tracks), the next one here does
        pending.add(request);
        String owner = ownership.ownerOf(running.getId()).orElse(null);
        boolean everyDue = running.getJobParameters().getString(EnrichJobConfiguration.TRACK_IDS) == null;
        log.info("enrich trigger ({}): run {} is going on {}", request.origin(), running.getId(), owner == null ? "another instance" : owner);
        return new TriggerAnswer(running.getId(), running.getStatus().name(), TriggerAnswer.RUNNING_ELSEWHERE, owner,
                "run " + running.getId() + " is going on " + (owner == null ? "another instance" : "instance " + owner)
                + " (one enrich run at a time across all instances); "
                + (everyDue ? "it takes every due track, " + what(request) + " included"
                        : "it was started for other tracks: the next run takes " + what(request) + ", as soon as it ends"));
    }

    private TriggerAnswer queued(RunRequest request, Long endingId) {
        pending.add(request);
        log.info("enrich trigger ({}): kept for the next run{}", request.origin(), endingId == null ? "" : " (run " + endingId + " is ending)");
        return new TriggerAnswer(null, null, TriggerAnswer.QUEUED, null, (endingId == null ? "a run is starting or ending"
                : "run " + endingId + " is ending") + "; the next run takes " + what(request) + ", as soon as it can start");
    }

    private Optional<JobExecution> runningElsewhere() {
        return explorer.findRunningJobExecutions(EnrichJobConfiguration.JOB_NAME).stream()
                .filter(e -> !ownership.runningHere(e.getId()))
                .max(Comparator.comparing(JobExecution::getId));
    }

    private boolean anyDue(RunDemand wanted) {
        if (wanted.everyDue()) {
            return statuses.countDue(settings.claimTimeout(), List.of()) > 0;
        }
        List<UUID> named = wanted.namedLeft();
        return !named.isEmpty() && statuses.countDue(settings.claimTimeout(), named) > 0;
    }

    private void logSkip(long runningId, String where) {
        if (skipLoggedFor != runningId) {
            skipLoggedFor = runningId;
            log.info("enrich cycle: run {} is going {}; ticks start nothing until it ends (one run at a time)", runningId, where);
        } else {
            log.debug("enrich cycle: tick skipped, run {} is going {}", runningId, where);
        }
    }

    private boolean tryLock(long deadline) {
        try {
            return monitor.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for the ending run's end, or a moment when there is none; false once the deadline has passed. */
    private static boolean awaitUntil(CompletableFuture<Void> ending, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            if (ending != null) {
                ending.get(left, TimeUnit.NANOSECONDS);
            } else {
                Thread.sleep(Math.min(LOOK_AGAIN_MS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private static String what(RunRequest request) {
        return request.everyDue() ? "every due track" : request.trackIds().size() + " named track" + (request.trackIds().size() == 1 ? "" : "s");
    }
}
