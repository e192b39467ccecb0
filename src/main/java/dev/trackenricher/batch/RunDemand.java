package dev.trackenricher.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What one enrich run is asked to take, which may grow while it runs: tracks named by a trigger
 * (claimed first, when due), and/or every due track; and how many tracks in all (each request
 * adds its own allowance: its {@code limit}, the number of tracks it names, or the default limit).
 * A run's reader takes from it; triggers arriving while the run goes {@link #offer} to it, until
 * the reader {@link #closeIfUnchanged closes} it because nothing was left to take.
 */
public final class RunDemand {

    private final Set<UUID> named = new LinkedHashSet<>();
    private boolean everyDue;
    private long allowance;
    private long claimed;
    private long version;
    private boolean closed;

    private RunDemand() {
    }

    /** The demand of a run started for one request. */
    public static RunDemand of(Integer limit, Collection<UUID> trackIds, int defaultLimit) {
        RunDemand demand = new RunDemand();
        demand.add(limit, trackIds, defaultLimit);
        return demand;
    }

    /** @return false when the run no longer takes anything (it is ending): the request needs another run */
    public synchronized boolean offer(Integer limit, Collection<UUID> trackIds, int defaultLimit) {
        if (closed) {
            return false;
        }
        add(limit, trackIds, defaultLimit);
        version++;
        return true;
    }

    private void add(Integer limit, Collection<UUID> trackIds, int defaultLimit) {
        boolean names = trackIds != null && !trackIds.isEmpty();
        if (names) {
            named.addAll(trackIds);
        } else {
            everyDue = true;
        }
        allowance += limit != null ? limit : names ? trackIds.size() : defaultLimit;
    }

    /** What to claim next, at most {@code want} tracks. */
    synchronized Next next(int want) {
        int room = (int) Math.min(want, allowance - claimed);
        if (room <= 0) {
            return Next.NOTHING;
        }
        if (!named.isEmpty()) {
            List<UUID> ids = new ArrayList<>(room);
            for (Iterator<UUID> it = named.iterator(); it.hasNext() && ids.size() < room; ) {
                ids.add(it.next());
                // asked once: a named track that is not due now (done, or another run's) is not waited for
                it.remove();
            }
            return new Next(ids, ids.size());
        }
        return everyDue ? new Next(List.of(), room) : Next.NOTHING;
    }

    synchronized void claimed(int n) {
        claimed += n;
    }

    /** Tracks it may still take. */
    synchronized long room() {
        return Math.max(0, allowance - claimed);
    }

    public synchronized boolean everyDue() {
        return everyDue;
    }

    public synchronized List<UUID> namedLeft() {
        return List.copyOf(named);
    }

    /** Changes with every offer: a reader that found nothing closes only if nothing was offered since. */
    synchronized long version() {
        return version;
    }

    /**
     * Closes the demand unless something was offered since {@code seen} (or named tracks are left that
     * it still has room for); closed, it takes no more offers.
     */
    synchronized boolean closeIfUnchanged(long seen) {
        if (version == seen && (named.isEmpty() || allowance <= claimed)) {
            closed = true;
        }
        return closed;
    }

    /** Closes it for good (the run stops taking tracks). */
    synchronized void close() {
        closed = true;
    }

    /** Claim these named tracks ({@code ids}), or, with no ids, up to {@code max} due tracks. */
    record Next(List<UUID> ids, int max) {
        static final Next NOTHING = new Next(List.of(), 0);

        boolean nothing() {
            return max == 0;
        }
    }
}
