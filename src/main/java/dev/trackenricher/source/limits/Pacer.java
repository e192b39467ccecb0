package dev.trackenricher.source.limits;

/**
 * This instance's spacing of one source's sends. The shared bucket spaces the permits, but a
 * request can reach the API later than its permit: a thread that wakes late (a busy CPU, a GC
 * pause), or the first exchange of the process (class loading, the first connection). The next
 * request would then arrive closer than the spacing. So this instance also spaces its sends from its
 * previous actual send, and keeps the send after its first exchange later by that exchange's
 * duration. Ordinary jitter is left to the spacing margin: pushing sends back after every slow
 * answer costs throughput and, with several instances, moves this instance's send nearer another's
 * permit.
 */
final class Pacer {

    private final long spacingNanos;
    private long next = Long.MIN_VALUE;
    private boolean warm;

    Pacer(long spacingNanos) {
        this.spacingNanos = spacingNanos;
    }

    synchronized void sent(long startNanos, long elapsedNanos) {
        // the first exchange of a process carries its cold start (class loading, JIT, the first
        // connection): assume all of it may have been delay, and keep the next send that much later
        if (!warm) {
            warm = true;
            next = Math.max(next, startNanos + spacingNanos + elapsedNanos);
        }
    }

    void await() throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            long at = next == Long.MIN_VALUE ? now : Math.max(now, next);
            next = at + spacingNanos;
            waitNanos = at - now;
        }
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
