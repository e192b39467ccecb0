package dev.trackenricher.source.cache;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.commons.collections4.bloomfilter.BloomFilter;
import org.apache.commons.collections4.bloomfilter.EnhancedDoubleHasher;
import org.apache.commons.collections4.bloomfilter.Shape;
import org.apache.commons.collections4.bloomfilter.SimpleBloomFilter;

/**
 * Which requests the response cache may hold: a Bloom filter of its keys (Apache Commons). A
 * request it has never seen costs no database lookup — most requests, when a catalogue is enriched
 * for the first time. It never says "absent" for a key it was given; a false "maybe" only costs the
 * lookup it would have made anyway.
 */
final class CachedKeys {

    private final BloomFilter filter;

    CachedKeys(int expectedKeys, double falsePositiveRate) {
        this.filter = new SimpleBloomFilter(Shape.fromNP(Math.max(1, expectedKeys), falsePositiveRate));
    }

    synchronized void add(String source, String key) {
        filter.merge(hasher(source, key));
    }

    synchronized boolean mightContain(String source, String key) {
        return filter.contains(hasher(source, key));
    }

    private static EnhancedDoubleHasher hasher(String source, String key) {
        // two well-mixed 64-bit values for the double hashing; MD5 through UUID is in the JDK and fast enough here
        UUID h = UUID.nameUUIDFromBytes((source + '\u0000' + key).getBytes(StandardCharsets.UTF_8));
        return new EnhancedDoubleHasher(h.getMostSignificantBits(), h.getLeastSignificantBits());
    }
}
