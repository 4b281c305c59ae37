package io.inventorysync.store;

import io.inventorysync.domain.StockLevel;

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
}
