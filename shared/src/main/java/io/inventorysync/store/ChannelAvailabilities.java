package io.inventorysync.store;

import io.inventorysync.domain.ChannelAvailability;
import io.inventorysync.domain.StockLevel;

import java.util.List;
import java.util.Map;

/**
 * The per-channel numbers of contract v1.1, one record per {@code (channel, sku)}, kept beside
 * the SKU's stock levels (same partition), so one query reads both.
 */
public interface ChannelAvailabilities {

    /**
     * The stored number of {@code channel} for {@code sku}; {@link ChannelAvailability#none} when
     * it was never computed. Strongly consistent. For the read API and reconciliation.
     */
    ChannelAvailability channelAvailability(String channel, String sku);

    /** One consistent read of a SKU's partition: every level and every channel's stored number. */
    default SkuPartition read(String sku) {
        return read(sku, true);
    }

    /**
     * One read of a SKU's partition: every level and every channel's stored number.
     *
     * @param consistent {@code false}: an eventually consistent read (half the read units), which may
     *                   miss the latest writes: the caller checks the levels it needs are there and
     *                   reads again consistently when they are not; a stale stored number only makes
     *                   {@link #replace} refuse
     */
    SkuPartition read(String sku, boolean consistent);

    /**
     * Stores {@code next} in place of {@code stored} (as {@link #read} returned it, or
     * {@code null} when there was none): only if nothing was stored since that read.
     *
     * @return false when another computation stored first (read again and decide again)
     */
    boolean replace(Stored stored, ChannelAvailability next);

    /**
     * One page of the walk over every SKU that has a level (a paged {@code Scan} of the table's
     * stock levels), from {@code cursor} (null: the start).
     */
    SkuPage skus(String cursor, int pageSize);

    /** The stored cursor of the recompute {@code runId}, or null when it never started. */
    RecomputeProgress progress(String runId);

    /** Stores where the recompute {@code runId} got to, so a stopped run resumes there. */
    void saveProgress(String runId, RecomputeProgress progress);

    /** SKUs of one page and the cursor of the next ({@code null} after the last page). */
    record SkuPage(List<String> skus, String next) {
        public SkuPage {
            skus = List.copyOf(skus);
        }
    }

    /** A recompute's progress: its cursor ({@code null} once done) and what it has done so far. */
    record RecomputeProgress(String cursor, boolean done, long skus, long writes, String updatedAt) {
    }

    /** What {@link #read} found. */
    record SkuPartition(String sku, List<StockLevel> levels, Map<String, Stored> channels) {
        public SkuPartition {
            levels = List.copyOf(levels);
            channels = Map.copyOf(channels);
        }
    }

    /** A stored number and its revision: the count of its writes, which {@link #replace} checks. */
    record Stored(ChannelAvailability value, long revision) {
    }
}
