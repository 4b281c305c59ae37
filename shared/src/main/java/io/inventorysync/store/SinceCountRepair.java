package io.inventorysync.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Finds and sets right the {@code sinceCount} of stock records a hold step stamped before the latest count
 * left stuck (before {@code MovementRules.stepTime}): the step's entry sits before {@code lastCountAt},
 * where a count's proof does not look, while {@code sinceCount} counted it, so every later count of the
 * record waits for an entry the ledger index never shows and fails retryably. What {@code sinceCount} must
 * be is what that proof counts: the on-hand entries the ledger index shows from {@code lastCountAt} on,
 * read by the store's own query ({@link DynamoDbInventoryStore#readSinceCount}).
 *
 * <p>The index is eventually consistent: a record changed in the last {@code settle} is not judged (an
 * entry not yet visible would make it look short, and lowering {@code sinceCount} below the truth would let
 * a count sum short); run again later. A fix is one conditional update on the version and
 * {@code sinceCount} read: a movement in between makes it skip (and say so), never overwrite.
 */
public final class SinceCountRepair {

    /**
     * A record as read.
     *
     * @param sinceCount the record's count of on-hand entries since its latest count; {@code null} on a record
     *                   written before v1.1 (its first count sums without proof: nothing to repair)
     * @param onIndex    the on-hand entries the ledger index shows from {@code lastCountAt} on (all, if never counted)
     */
    public record Reading(String sku, String locationId, long version, Instant lastCountAt, Long sinceCount, int onIndex,
                          Instant updatedAt) {
        public boolean differs() {
            return sinceCount != null && sinceCount != onIndex;
        }
    }

    /** What became of one record. */
    public enum Verdict {
        /** {@code sinceCount} equals what the index shows. */
        HEALTHY,
        /** It differs (reported; fixed only when asked). */
        DIFFERS,
        /** It differed and was set to what the index shows. */
        FIXED,
        /** It differed, but the record changed between the read and the fix: nothing written; run again. */
        CHANGED,
        /** Changed within the settle time: not judged now (the index may not show the latest entries yet). */
        SETTLING,
        /** No {@code sinceCount} (written before v1.1): nothing to repair. */
        NO_SINCE_COUNT,
        /** No such record. */
        NOT_FOUND
    }

    /** One record's verdict, with what was read ({@code null} when not found). */
    public record Finding(String sku, String locationId, Verdict verdict, Reading reading) {
    }

    private final DynamoDbInventoryStore store;
    private final Clock clock;
    private final Duration settle;

    public SinceCountRepair(DynamoDbInventoryStore store, Clock clock, Duration settle) {
        this.store = store;
        this.clock = clock;
        this.settle = settle;
    }

    /** Reads one record and judges it; writes nothing. */
    public Finding check(String sku, String locationId) {
        Reading read = store.readSinceCount(sku, locationId);
        if (read == null) {
            return new Finding(sku, locationId, Verdict.NOT_FOUND, null);
        }
        if (read.sinceCount() == null) {
            return new Finding(sku, locationId, Verdict.NO_SINCE_COUNT, read);
        }
        if (read.updatedAt() != null && read.updatedAt().isAfter(clock.instant().minus(settle))) {
            return new Finding(sku, locationId, Verdict.SETTLING, read);
        }
        return new Finding(sku, locationId, read.differs() ? Verdict.DIFFERS : Verdict.HEALTHY, read);
    }

    /** Sets right a record {@link #check} found {@link Verdict#DIFFERS}, if it has not changed since; other findings as they are. */
    public Finding fix(Finding found) {
        if (found.verdict() != Verdict.DIFFERS) {
            return found;
        }
        boolean written = store.writeSinceCount(found.reading(), found.reading().onIndex());
        return new Finding(found.sku(), found.locationId(), written ? Verdict.FIXED : Verdict.CHANGED, found.reading());
    }

    /** The SKUs of records at {@code locationId}, a page at a time (the {@code StockByLocation} index). */
    public StockReads.SkuPage skusAt(String locationId, String after, int limit) {
        return store.skusAt(locationId, after, limit);
    }
}
