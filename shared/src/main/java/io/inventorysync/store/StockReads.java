package io.inventorysync.store;

import io.inventorysync.domain.StockLevel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads of the master records and their audit trail. */
public interface StockReads {

    Optional<StockLevel> level(String sku, String locationId);

    /** Every location that has a record of {@code sku}, ordered by location id. */
    List<StockLevel> levels(String sku);

    /** The audit trail of one record, oldest {@code occurredAt} first. */
    List<LedgerEntry> ledger(String sku, String locationId);

    /**
     * At most {@code limit} entries of one record's audit trail, newest {@code occurredAt} first,
     * strictly before {@code before} (a {@link LedgerPage#next()} of an earlier page; {@code null}:
     * from the newest). The index behind it is eventually consistent: an entry written a moment ago
     * may show on a later read.
     */
    LedgerPage ledgerPage(String sku, String locationId, int limit, String before);

    /** Most records {@link #onHandAsOf} reads in one call. */
    int AS_OF_BATCH = 100;

    /**
     * The {@code onHand} of each record as of {@code asOf}, exactly: every on-hand effect applied
     * with {@code occurredAt >= asOf} is taken out, whatever the lag of the ledger index (the
     * DynamoDB store proves it has seen them all, as a count does, or fails retryably).
     *
     * @param records at most {@link #AS_OF_BATCH}, no key twice
     * @return one answer per record, in the order asked
     */
    List<MasterAsOf> onHandAsOf(List<RecordKey> records, Instant asOf);

    /**
     * The SKUs that have a stock record at {@code locationId}, in SKU order (UTF-8 bytes, as DynamoDB
     * orders keys), strictly after {@code after} ({@code null}: from the first), at most {@code limit}.
     * Read from the index of stock records by location ({@code StockByLocation}), which is eventually
     * consistent: a record created a moment ago may show on a later read.
     */
    SkuPage skusAt(String locationId, String after, int limit);

    /**
     * One page of {@link #skusAt}.
     *
     * @param next the SKU to read on from ({@code after}), or {@code null} when this page is the last
     */
    record SkuPage(List<String> skus, String next) {
        public SkuPage {
            skus = List.copyOf(skus);
        }
    }

    /** The order of {@link #skusAt}: UTF-8 bytes, unsigned. */
    static int compareSkus(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
