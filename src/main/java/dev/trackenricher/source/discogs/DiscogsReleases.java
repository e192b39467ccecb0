package dev.trackenricher.source.discogs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.source.SourceFailureException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The Discogs releases this process has read, so that the tracks of one album cost one release
 * read: a read in flight is joined by the other tracks that need the same release (one request,
 * one permit), the releases read lately are remembered by artist (their ids and search hits only:
 * the bodies are the response cache's, so its TTLs, {@code force-refresh} and a cleared cache
 * hold), and one lookup per artist is in flight at a time so that an album's later tracks can be
 * found on the release its first track read.
 *
 * <p>Hand-written rather than a cache library: what is kept is a few hundred ids and search hits,
 * and the single flight of a read and the per-artist turn are the point of it.
 */
final class DiscogsReleases {

    /** A release read, and the search hit that led to it (the hit's fields: label as listed, format). */
    record Known(String artistKey, JsonNode hit, long releaseId) {
    }

    /** What a read gave: the release (empty: gone), and whether this track's own request read it. */
    record Read(Optional<JsonNode> release, boolean own) {
    }

    private final int capacity;
    private final Map<Long, Known> recent;
    private final ConcurrentHashMap<Long, CompletableFuture<Optional<JsonNode>>> reading = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> artists = new ConcurrentHashMap<>();

    DiscogsReleases(int capacity) {
        this.capacity = capacity;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Known> eldest) {
                return size() > DiscogsReleases.this.capacity;
            }
        };
    }

    /** The releases read lately for this artist, the latest first. */
    synchronized List<Known> recentOf(String artistKey) {
        List<Known> out = new ArrayList<>();
        for (Known k : recent.values()) {
            if (k.artistKey().equals(artistKey)) {
                out.add(0, k);
            }
        }
        return out;
    }

    synchronized void remember(Known known) {
        if (capacity > 0) {
            recent.put(known.releaseId(), known);
        }
    }

    /**
     * The release {@code releaseId}: read by {@code read} unless another track is reading it, whose
     * answer is then this one's too (its failure as well: the one request failed for both).
     */
    Read read(long releaseId, Supplier<Optional<JsonNode>> read) {
        CompletableFuture<Optional<JsonNode>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<JsonNode>> theirs = reading.putIfAbsent(releaseId, mine);
        if (theirs != null) {
            return new Read(join(theirs), false);
        }
        try {
            Optional<JsonNode> release = read.get();
            mine.complete(release);
            return new Read(release, true);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            reading.remove(releaseId, mine);
        }
    }

    private static Optional<JsonNode> join(CompletableFuture<Optional<JsonNode>> theirs) {
        try {
            return theirs.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new SourceFailureException("Discogs release read failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceFailureException("interrupted while another track read the same Discogs release");
        }
    }

    /**
     * This track's turn among the lookups of its artist: waits while another track of the artist is
     * being looked up, at most {@code maxWait} in all (then it goes ahead anyway). Close it when done.
     */
    Turn turn(String artistKey, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        while (true) {
            CompletableFuture<Void> theirs = artists.putIfAbsent(artistKey, mine);
            if (theirs == null) {
                return () -> {
                    artists.remove(artistKey, mine);
                    mine.complete(null);
                };
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return () -> {
                };
            }
            try {
                theirs.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return () -> {
                };
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return () -> {
                };
            }
        }
    }

    /** A turn among an artist's lookups; closing it lets the next one go. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }
}
