package io.inventorysync.availability;

import io.inventorysync.domain.Digests;
import io.inventorysync.store.ChannelAvailabilities;

import java.time.Clock;
import java.util.Objects;

/**
 * Brings every channel's number of every SKU in line with the current pools, after a deploy that
 * changed them (a new channel, another buffer). Walks the stock levels page by page and stores
 * its cursor after each page, so a stopped run resumes where it stopped. A run is named by the
 * pools it computes ({@link #runId}): the same configuration twice is one run; a changed one is a
 * new run from the start.
 */
public final class ChannelRecompute {
    private final ChannelAvailabilityService availability;
    private final ChannelAvailabilities store;
    private final Clock clock;

    /** What a run did, in total across its resumptions. */
    public record Report(String runId, boolean done, long skus, long writes, boolean alreadyDone) {
    }

    public ChannelRecompute(ChannelAvailabilityService availability, ChannelAvailabilities store, Clock clock) {
        this.availability = Objects.requireNonNull(availability, "availability");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The run of a configuration: a digest of its pools as the functions receive them. */
    public static String runId(String poolsJson) {
        return Digests.sha256(poolsJson).substring(0, 16);
    }

    /**
     * Runs (or resumes) the recompute of {@code runId}, at most {@code maxPages} pages this call.
     *
     * @param restart start from the first SKU even when the run was done or got somewhere
     */
    public Report run(String runId, int pageSize, int maxPages, boolean restart) {
        ChannelAvailabilities.RecomputeProgress progress = restart ? null : store.progress(runId);
        if (progress != null && progress.done()) {
            return new Report(runId, true, progress.skus(), progress.writes(), true);
        }
        String cursor = progress == null ? null : progress.cursor();
        long skus = progress == null ? 0 : progress.skus();
        long writes = progress == null ? 0 : progress.writes();
        for (int page = 0; page < maxPages; page++) {
            ChannelAvailabilities.SkuPage found = store.skus(cursor, pageSize);
            for (String sku : found.skus()) {
                writes += availability.recompute(sku).writes();
                skus++;
            }
            cursor = found.next();
            store.saveProgress(runId, new ChannelAvailabilities.RecomputeProgress(cursor, cursor == null, skus, writes,
                    clock.instant().toString()));
            if (cursor == null) {
                return new Report(runId, true, skus, writes, false);
            }
        }
        return new Report(runId, false, skus, writes, false);
    }
}
