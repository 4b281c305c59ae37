package io.inventorysync.reconcile;

import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.SnapshotLine;
import io.inventorysync.domain.SnapshotPart;
import io.inventorysync.domain.SnapshotRules;
import io.inventorysync.outbox.DriftDetectedDetail;
import io.inventorysync.store.ApplyResult;
import io.inventorysync.store.DriftRecord;
import io.inventorysync.store.LedgerEntry;
import io.inventorysync.store.MasterAsOf;
import io.inventorysync.store.MovementLedger;
import io.inventorysync.store.RecordKey;
import io.inventorysync.store.SnapshotState;
import io.inventorysync.store.Snapshots;
import io.inventorysync.store.StockReads;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Compares a complete snapshot with the master records, a page of up to 100 lines at a time, under a
 * lease and a durable cursor (contract v1.1, "Reconciliation and snapshots").
 * <ul>
 *   <li>Each drifted line is written once as a drift record; its insertion is what the outbox
 *   publishes as {@code DriftDetected} (the stream is the outbox: nothing here calls EventBridge).</li>
 *   <li>In {@code CORRECT} mode it is set right by a {@code COUNT} at {@code asOf} through the
 *   movement ledger, keyed by the snapshot's part and line: applied once however often it runs.</li>
 *   <li>The cursor moves with the page's counters in one conditional write. A run that stops
 *   half-way (a crash, the time limit) leaves the cursor at the page it was in; the next run finds
 *   the drift records of that page and reuses them instead of comparing again, so nothing is
 *   compared, corrected or published twice and the report is the same.</li>
 *   <li>{@code completeFor} (phantom stock): after the last part, each covered location's records are
 *   walked from the {@code StockByLocation} index, {@link #WALK_PAGE} SKUs a page, the cursor being
 *   part {@code parts + 1}, line = the location's index and {@code walkAfter} = the last SKU done; a
 *   SKU the snapshot did not report there ({@link ReportedSkus}) is compared as reported 0, exactly
 *   as a line.</li>
 * </ul>
 */
public final class Reconciler {
    /** Lines per page: one batch read of the master records. */
    public static final int PAGE = StockReads.AS_OF_BATCH;
    /** SKUs of a completeFor location read from the index per page of the phantom pass (one cursor write each). */
    public static final int WALK_PAGE = 1_000;
    /** Drift lines in the report. */
    public static final int REPORT_LINES = 1_000;
    /** Ledger entries a {@code DriftDetected} carries to explain the difference. */
    static final int RECENT_LEDGER = 5;
    private static final Logger LOG = LogManager.getLogger(Reconciler.class);

    /** How a run ended. */
    public enum Result {
        /** The report is written. */
        DONE,
        /** Time ran short: the cursor is saved; ask the queue to continue. */
        CONTINUE,
        /** Another run holds the snapshot (or took it over): nothing to do here. */
        BUSY,
        /** Not (yet, or any more) reconciling: nothing to do. */
        NOT_RECONCILING
    }

    private final Snapshots snapshots;
    private final StockReads stock;
    private final MovementLedger ledger;
    private final ChannelAvailabilityReads channels;
    private final Clock clock;
    private final Duration lease;
    private final int walkPage;

    public <S extends StockReads & MovementLedger> Reconciler(Snapshots snapshots, S master,
                                                               ChannelAvailabilityReads channels, Clock clock,
                                                               Duration lease) {
        this(snapshots, master, channels, clock, lease, WALK_PAGE);
    }

    /** As above, walking completeFor locations {@code walkPage} SKUs a page (tests walk many pages with few records). */
    <S extends StockReads & MovementLedger> Reconciler(Snapshots snapshots, S master, ChannelAvailabilityReads channels,
                                                       Clock clock, Duration lease, int walkPage) {
        this.walkPage = walkPage;
        this.snapshots = snapshots;
        this.stock = master;
        this.ledger = master;
        this.channels = channels;
        this.clock = clock;
        this.lease = lease;
    }

    /**
     * Works on the snapshot until it is done or {@code timeLeft} says stop (checked after each page).
     */
    public Result run(String sourceId, String snapshotId, BooleanSupplier timeLeft) {
        String owner = UUID.randomUUID().toString();
        Optional<SnapshotState> leased = snapshots.lease(sourceId, snapshotId, owner, clock.instant(),
                clock.instant().plus(lease));
        if (leased.isEmpty()) {
            return snapshots.state(sourceId, snapshotId).map(s -> s.status() == SnapshotState.Status.RECONCILING)
                    .orElse(false) ? Result.BUSY : Result.NOT_RECONCILING;
        }
        SnapshotState state = leased.get();
        List<SnapshotLine> lines = null;
        int linesOfPart = -1;
        ReportedSkus reported = null;
        while (state.workLeft()) {
            Optional<SnapshotState> advanced;
            if (state.cursorPart() <= state.parts()) {
                if (linesOfPart != state.cursorPart()) {
                    lines = snapshots.lines(sourceId, snapshotId, state.cursorPart());
                    linesOfPart = state.cursorPart();
                }
                int from = state.cursorLine();
                int to = Math.min(from + PAGE, lines.size());
                SnapshotState.Counters done = from >= to ? SnapshotState.Counters.ZERO
                        : compare(state, state.cursorPart(), lines.subList(from, to), from);
                boolean partDone = to >= lines.size();
                int nextPart = partDone ? state.cursorPart() + 1 : state.cursorPart();
                int nextLine = partDone ? 0 : to;
                advanced = snapshots.advance(state, owner, nextPart, nextLine, done, clock.instant().plus(lease));
            } else {
                // The phantom pass: each completeFor location's records, a page of the index at a time.
                if (reported == null) {
                    lines = null;
                    reported = ReportedSkus.read(snapshots, state);
                }
                int location = state.cursorLine();
                StockReads.SkuPage page = stock.skusAt(state.completeFor().get(location), state.walkAfter(), walkPage);
                SnapshotState.Counters done = page.skus().isEmpty() ? SnapshotState.Counters.ZERO
                        : comparePhantoms(state, location, page.skus(), reported);
                boolean locationDone = page.next() == null;
                advanced = snapshots.advance(state, owner, state.cursorPart(), locationDone ? location + 1 : location,
                        locationDone ? null : page.next(), done, clock.instant().plus(lease));
            }
            if (advanced.isEmpty()) {
                LOG.warn("snapshot {}: lease lost or cursor moved; leaving it to the run that holds it", snapshotId);
                return Result.BUSY;
            }
            state = advanced.get();
            if (!timeLeft.getAsBoolean() && state.workLeft()) {
                snapshots.release(state, owner);
                return Result.CONTINUE;
            }
        }
        List<DriftRecord> top = top(snapshots.allDrifts(sourceId, snapshotId));
        if (!snapshots.finish(state, owner, top, clock.instant())) {
            return Result.BUSY;
        }
        LOG.info("snapshot {} reconciled: {} compared, {} drifted, {} corrected, {} skipped", snapshotId,
                state.counters().compared(), state.counters().drifted(), state.counters().corrected(),
                state.counters().skipped());
        return Result.DONE;
    }

    /** The report's order: largest |difference| first, then part, line and SKU (phantoms share a part and line). */
    static final Comparator<DriftRecord> REPORT_ORDER = Comparator.comparingLong((DriftRecord d) -> Math.abs(d.difference()))
            .reversed().thenComparingInt(DriftRecord::part).thenComparingInt(DriftRecord::line)
            .thenComparing(DriftRecord::sku);

    /** The first {@link #REPORT_LINES} in {@link #REPORT_ORDER}, holding no more than that many at a time. */
    static List<DriftRecord> top(java.util.stream.Stream<DriftRecord> all) {
        java.util.PriorityQueue<DriftRecord> kept = new java.util.PriorityQueue<>(REPORT_ORDER.reversed());
        all.forEach(d -> {
            kept.add(d);
            if (kept.size() > REPORT_LINES) {
                kept.poll();
            }
        });
        return kept.stream().sorted(REPORT_ORDER).toList();
    }

    /** One page: compare (or reuse the drift already recorded), record drift, correct. */
    private SnapshotState.Counters compare(SnapshotState s, int part, List<SnapshotLine> page, int offset) {
        Map<Integer, DriftRecord> recorded = new HashMap<>();
        for (DriftRecord d : snapshots.drifts(s.sourceId(), s.snapshotId(), part, offset, offset + page.size())) {
            recorded.put(d.line(), d);
        }
        Map<Integer, Master> masters = masters(s, page, offset, recorded);
        long compared = 0;
        long drifted = 0;
        long corrected = 0;
        long skipped = 0;
        for (int i = 0; i < page.size(); i++) {
            int lineNo = offset + i;
            SnapshotLine line = page.get(i);
            DriftRecord drift = recorded.get(lineNo);
            if (drift == null) {
                Master m = masters.get(lineNo);
                if (m == null) {
                    skipped++;
                    continue;
                }
                if (!SnapshotRules.drifts(line.quantity(), m.quantity(), s.threshold())) {
                    compared++;
                    continue;
                }
                boolean correct = s.mode() == SnapshotPart.Mode.CORRECT;
                drift = snapshots.recordDrift(s.sourceId(), s.snapshotId(), new DriftRecord(part, lineNo, line.sku(),
                        line.locationId(), line.quantity(), m.quantity(), correct, detail(s, line, m, correct)));
            }
            compared++;
            drifted++;
            if (drift.corrected()) {
                ApplyResult applied = ledger.apply(SnapshotRules.correction(s.sourceId(), s.snapshotId(), part, lineNo,
                        line, s.asOf()));
                if (applied.outcome() == Outcome.APPLIED || applied.outcome() == Outcome.DUPLICATE) {
                    corrected++;
                } else {
                    LOG.warn("snapshot {} line {}/{}: correction {} ({})", s.snapshotId(), part, lineNo,
                            applied.outcome(), applied.reason());
                }
            }
        }
        return new SnapshotState.Counters(compared, drifted, corrected, skipped);
    }

    /**
     * One page of a completeFor location's SKUs: each one the snapshot did not report there is compared
     * as reported 0 (phantom stock), exactly as a line: {@code onHand} as of {@code asOf}, the same
     * threshold, a drift record (the outbox publishes it) and in {@code CORRECT} a count of 0 at
     * {@code asOf}. The page's phantom drift records already written (a run that stopped in this
     * page) are reused, not compared again.
     */
    private SnapshotState.Counters comparePhantoms(SnapshotState s, int location, List<String> skus,
                                                   ReportedSkus reported) {
        String locationId = s.completeFor().get(location);
        List<String> phantoms = skus.stream().filter(sku -> !reported.reported(locationId, sku)).toList();
        if (phantoms.isEmpty()) {
            return SnapshotState.Counters.ZERO;
        }
        int part = s.phantomPart();
        Map<String, DriftRecord> recorded = new HashMap<>();
        for (DriftRecord d : snapshots.phantoms(s.sourceId(), s.snapshotId(), part, location, phantoms.getFirst(),
                phantoms.getLast())) {
            recorded.put(d.sku(), d);
        }
        List<String> toRead = phantoms.stream().filter(sku -> !recorded.containsKey(sku)).toList();
        Map<String, MasterAsOf> masters = new HashMap<>();
        for (int from = 0; from < toRead.size(); from += StockReads.AS_OF_BATCH) {
            List<String> batch = toRead.subList(from, Math.min(from + StockReads.AS_OF_BATCH, toRead.size()));
            List<MasterAsOf> answers = stock.onHandAsOf(batch.stream().map(sku -> new RecordKey(sku, locationId))
                    .toList(), s.asOf());
            for (int i = 0; i < batch.size(); i++) {
                masters.put(batch.get(i), answers.get(i));
            }
        }
        long compared = 0;
        long drifted = 0;
        long corrected = 0;
        long skipped = 0;
        for (String sku : phantoms) {
            SnapshotLine line = SnapshotRules.phantom(sku, locationId);
            DriftRecord drift = recorded.get(sku);
            if (drift == null) {
                MasterAsOf a = masters.get(sku);
                if (a.countedAfter()) {
                    skipped++;
                    continue;
                }
                Master m = new Master(a.onHand(), a.neverSeen() ? 0 : a.level().available(),
                        a.neverSeen() ? 0 : a.level().version());
                if (!SnapshotRules.drifts(0, m.quantity(), s.threshold())) {
                    compared++;
                    continue;
                }
                boolean correct = s.mode() == SnapshotPart.Mode.CORRECT;
                drift = snapshots.recordPhantom(s.sourceId(), s.snapshotId(), new DriftRecord(part, location, sku,
                        locationId, 0, m.quantity(), correct, detail(s, line, m, correct)));
            }
            compared++;
            drifted++;
            if (drift.corrected()) {
                ApplyResult applied = ledger.apply(SnapshotRules.phantomCorrection(s.sourceId(), s.snapshotId(), part,
                        location, sku, locationId, s.asOf()));
                if (applied.outcome() == Outcome.APPLIED || applied.outcome() == Outcome.DUPLICATE) {
                    corrected++;
                } else {
                    LOG.warn("snapshot {}: phantom correction at location {} of completeFor {} ({})", s.snapshotId(),
                            location, applied.outcome(), applied.reason());
                }
            }
        }
        return new SnapshotState.Counters(compared, drifted, corrected, skipped);
    }

    /** What a line is compared with: a quantity, and the record as the event shows it. */
    private record Master(long quantity, long available, long version) {
    }

    /** The master of each line not yet recorded as drift; absent where a newer count makes it moot. */
    private Map<Integer, Master> masters(SnapshotState s, List<SnapshotLine> page, int offset,
                                         Map<Integer, DriftRecord> recorded) {
        Map<Integer, Master> masters = new HashMap<>();
        if (s.measure() == SnapshotPart.Measure.CHANNEL_AVAILABLE) {
            for (int i = 0; i < page.size(); i++) {
                if (!recorded.containsKey(offset + i)) {
                    var a = channels.availableNow(s.channel(), page.get(i).sku())
                            .orElse(new ChannelAvailabilityReads.Availability(0, 0));
                    masters.put(offset + i, new Master(a.available(), a.available(), a.version()));
                }
            }
            return masters;
        }
        List<Integer> asked = new ArrayList<>();
        List<RecordKey> keys = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            if (!recorded.containsKey(offset + i)) {
                asked.add(offset + i);
                keys.add(new RecordKey(page.get(i).sku(), page.get(i).locationId()));
            }
        }
        List<MasterAsOf> answers = keys.isEmpty() ? List.of() : stock.onHandAsOf(keys, s.asOf());
        for (int i = 0; i < answers.size(); i++) {
            MasterAsOf a = answers.get(i);
            if (!a.countedAfter()) {
                masters.put(asked.get(i), new Master(a.onHand(), a.neverSeen() ? 0 : a.level().available(),
                        a.neverSeen() ? 0 : a.level().version()));
            }
        }
        return masters;
    }

    /** The {@code DriftDetected} detail (v1 schema, plus v1.1's {@code snapshotId}, {@code measure}, {@code corrected}). */
    private String detail(SnapshotState s, SnapshotLine line, Master m, boolean corrected) {
        boolean channel = s.measure() == SnapshotPart.Measure.CHANNEL_AVAILABLE;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("snapshotId", s.snapshotId());
        extra.put("asOf", s.asOf().toString());
        return new DriftDetectedDetail(line.sku(), channel ? "channel:" + s.channel() : line.locationId(),
                channel ? s.channel() : null, s.sourceId(), line.quantity(), m.quantity(), m.available(), m.version(),
                s.threshold(), channel ? List.of() : recentLedger(line), s.measure().name(), corrected)
                .json(clock.instant(), extra);
    }

    private List<Map<String, Object>> recentLedger(SnapshotLine line) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (LedgerEntry e : stock.ledgerPage(line.sku(), line.locationId(), RECENT_LEDGER, null).entries()) {
            if (e.type() == null) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", e.type().name());
            entry.put("eventId", e.eventId());
            entry.put("sourceId", e.sourceId());
            entry.put("quantity", e.quantity());
            entry.put("occurredAt", e.occurredAt().toString());
            entry.put("outcome", e.outcome().name());
            entries.add(entry);
        }
        return entries;
    }

    /** For logs and tests: when a run started. */
    Instant now() {
        return clock.instant();
    }
}
