package dev.trackenricher.source.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.commons.collections4.bloomfilter.EnhancedDoubleHasher;
import org.apache.commons.collections4.bloomfilter.Shape;

/**
 * Which requests the response cache may hold: a Bloom filter of its keys. A request it has never
 * seen costs no database lookup — most requests, when a catalogue is enriched for the first time.
 * It never says "absent" for a key it was given; a false "maybe" only costs the lookup it would
 * have made anyway.
 *
 * <p>Apache Commons Collections sizes it ({@link Shape}) and derives each key's bit positions
 * ({@link EnhancedDoubleHasher}); the bits themselves are kept here, in an {@link AtomicLongArray},
 * because Commons' filters are not thread-safe: behind one lock every request of every branch
 * thread queued on it (the lock's holder preempted on a busy machine held up all of them). Setting
 * a bit is one atomic OR, reading it one volatile read: no lock at all.
 */
final class CachedKeys {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    });

    private final Shape shape;
    private final AtomicLongArray bits;

    CachedKeys(int expectedKeys, double falsePositiveRate) {
        this.shape = Shape.fromNP(Math.max(1, expectedKeys), falsePositiveRate);
        this.bits = new AtomicLongArray((shape.getNumberOfBits() + 63) / 64);
    }

    void add(String source, String key) {
        hasher(source, key).indices(shape).processIndices(i -> {
            long mask = 1L << (i & 63);
            bits.getAndAccumulate(i >>> 6, mask, (word, m) -> word | m);
            return true;
        });
    }

    boolean mightContain(String source, String key) {
        return hasher(source, key).indices(shape).processIndices(i -> (bits.get(i >>> 6) & (1L << (i & 63))) != 0);
    }

    private static EnhancedDoubleHasher hasher(String source, String key) {
        // two well-mixed 64-bit values for the double hashing: MD5 is in the JDK and fast enough here (one digest per thread)
        MessageDigest md5 = MD5.get();
        md5.update(source.getBytes(StandardCharsets.UTF_8));
        md5.update((byte) 0);
        ByteBuffer h = ByteBuffer.wrap(md5.digest(key.getBytes(StandardCharsets.UTF_8)));
        return new EnhancedDoubleHasher(h.getLong(), h.getLong());
    }
}
