package io.inventorysync.reconcile;

import io.inventorysync.domain.SnapshotLine;
import io.inventorysync.store.SnapshotState;
import io.inventorysync.store.Snapshots;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which SKUs a snapshot reported at each of its {@code completeFor} locations, to tell phantom stock
 * (a record there that the snapshot lacks) from a line already compared, without holding the SKUs'
 * strings: each is kept as 64 bits of {@code SHA-256(snapshotId, locationId, sku)} in one sorted
 * {@code long[]} per location (8 bytes a line: 8 MB for 1,000,000 lines), looked up by binary search.
 * <p>
 * Built once per run of the phantom pass by reading every part again (one strongly consistent read
 * of each part item). Two different SKUs share 64 bits with a probability of about
 * {@code n * m / 2^64} for {@code n} lines and {@code m} SKUs walked (5 in 10^8 at a million each):
 * such a SKU would be taken as reported and its phantom stock not seen by that snapshot. The hash is
 * keyed by the snapshot, so the next night's snapshot does not share the collision.
 */
final class ReportedSkus {
    private final String snapshotId;
    private final Map<String, long[]> byLocation;
    private final MessageDigest sha;

    private ReportedSkus(String snapshotId, Map<String, long[]> byLocation) {
        this.snapshotId = snapshotId;
        this.byLocation = byLocation;
        this.sha = sha256();
    }

    /** Reads every part of {@code s} and keeps the SKUs of its lines at {@code completeFor} locations. */
    static ReportedSkus read(Snapshots snapshots, SnapshotState s) {
        Set<String> complete = new HashSet<>(s.completeFor());
        Map<String, long[]> hashes = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        MessageDigest sha = sha256();
        for (int part = 1; part <= s.parts(); part++) {
            for (SnapshotLine line : snapshots.lines(s.sourceId(), s.snapshotId(), part)) {
                if (line.locationId() == null || !complete.contains(line.locationId())) {
                    continue;
                }
                long[] kept = hashes.computeIfAbsent(line.locationId(), l -> new long[64]);
                int size = sizes.getOrDefault(line.locationId(), 0);
                if (size == kept.length) {
                    kept = Arrays.copyOf(kept, size * 2);
                    hashes.put(line.locationId(), kept);
                }
                kept[size] = hash(sha, s.snapshotId(), line.locationId(), line.sku());
                sizes.put(line.locationId(), size + 1);
            }
        }
        Map<String, long[]> sorted = new HashMap<>();
        hashes.forEach((location, kept) -> {
            long[] exact = Arrays.copyOf(kept, sizes.get(location));
            Arrays.sort(exact);
            sorted.put(location, exact);
        });
        return new ReportedSkus(s.snapshotId(), sorted);
    }

    /** Whether the snapshot has a line of {@code sku} at {@code locationId} (a completeFor location). */
    boolean reported(String locationId, String sku) {
        long[] kept = byLocation.get(locationId);
        return kept != null && Arrays.binarySearch(kept, hash(sha, snapshotId, locationId, sku)) >= 0;
    }

    /** Lines kept, over every location. */
    long size() {
        return byLocation.values().stream().mapToLong(k -> k.length).sum();
    }

    static long hash(MessageDigest sha, String snapshotId, String locationId, String sku) {
        sha.update(snapshotId.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(locationId.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        byte[] d = sha.digest(sku.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xFF);
        }
        return h;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
