package io.inventorysync.outbox;

import io.inventorysync.availability.ChannelAvailabilityService;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.retry.JitteredBackoff;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.ItemType;
import io.inventorysync.store.StreamImages;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outbox relay: turns the table's stream records into events and puts them on the bus, ten
 * entries per {@code PutEvents} call (and under its 256 KB limit), re-sending only the entries
 * that failed, with jittered backoff. Records whose events still failed are returned, so the
 * stream delivers them again (with bisect on error): an event is never dropped silently; it may
 * arrive twice, and its {@code version} tells a consumer which one counts.
 */
public final class ChangePublisher {
    /** PutEvents takes at most 10 entries and 256 KB per call. */
    static final int MAX_ENTRIES = 10;
    static final int MAX_REQUEST_BYTES = 256 * 1024;
    private static final Logger LOG = LogManager.getLogger(ChangePublisher.class);

    private final EventBridgeClient eventBridge;
    private final String busName;
    private final int maxAttempts;
    private final JitteredBackoff backoff;
    private final ChannelAvailabilityService availability;

    /** One stream record: its id (the sequence number) and its images. */
    public record Change(String sequenceNumber, Map<String, AttributeValue> oldImage,
                         Map<String, AttributeValue> newImage) {
    }

    public ChangePublisher(EventBridgeClient eventBridge, String busName, int maxAttempts, Duration baseDelay) {
        this(eventBridge, busName, maxAttempts, baseDelay, null);
    }

    /**
     * @param availability computes the channels' numbers from the stock changes of each batch
     *                     before its events are published, or {@code null} when no channel has a pool
     */
    public ChangePublisher(EventBridgeClient eventBridge, String busName, int maxAttempts, Duration baseDelay,
                           ChannelAvailabilityService availability) {
        this.availability = availability == null || !availability.hasPools() ? null : availability;
        this.eventBridge = eventBridge;
        this.busName = busName;
        this.maxAttempts = maxAttempts;
        this.backoff = new JitteredBackoff(baseDelay, baseDelay.multipliedBy(1 << 10));
    }

    private record Pending(PutEventsRequestEntry entry, String sequenceNumber) {
        int size() {
            return entry.detail().getBytes(StandardCharsets.UTF_8).length + entry.detailType().length()
                    + entry.source().length() + 64;
        }
    }

    /** @return the sequence numbers of the records whose events could not all be put on the bus */
    public List<String> publish(List<Change> changes, Telemetry telemetry) {
        Set<String> failedRecords = new LinkedHashSet<>(computeChannels(changes, telemetry));
        List<Pending> pending = new ArrayList<>();
        for (Change change : changes) {
            for (OutboundEvent event : ChangeEvents.of(change.oldImage(), change.newImage())) {
                pending.add(new Pending(PutEventsRequestEntry.builder()
                        .source(OutboundEvent.SOURCE)
                        .detailType(event.detailType())
                        .detail(event.detail())
                        .time(event.time())
                        .eventBusName(busName)
                        .build(), change.sequenceNumber()));
            }
        }
        int calls = 0;
        for (List<Pending> chunk : chunks(pending)) {
            List<Pending> toSend = chunk;
            for (int attempt = 1; !toSend.isEmpty(); attempt++) {
                calls++;
                toSend = send(toSend);
                if (!toSend.isEmpty() && attempt >= maxAttempts) {
                    toSend.forEach(p -> failedRecords.add(p.sequenceNumber()));
                    LOG.error("{} event(s) not put on the bus after {} attempts; their stream records will be retried",
                            toSend.size(), attempt);
                    break;
                }
                if (!toSend.isEmpty() && !backoff.pause(attempt)) {
                    throw new IllegalStateException("interrupted while publishing");
                }
            }
        }
        telemetry.count("EventsPublished", pending.size() - countFailedEntries(pending, failedRecords));
        telemetry.count("PutEventsCalls", calls);
        telemetry.count("RecordsFailed", failedRecords.size());
        return List.copyOf(failedRecords);
    }

    /**
     * Recomputes the channels' numbers of each SKU whose {@code available} changed at a pool
     * location in this batch: once per SKU, however many of its records the batch holds. The
     * numbers' own stream records publish them, in a later batch.
     *
     * @return the sequence numbers of the records whose computation failed (delivered again)
     */
    private List<String> computeChannels(List<Change> changes, Telemetry telemetry) {
        if (availability == null) {
            return List.of();
        }
        // per SKU: each changed pool location with the version of its latest change in the batch
        Map<String, Map<String, Long>> locations = new LinkedHashMap<>();
        Map<String, List<String>> records = new LinkedHashMap<>();
        for (Change change : changes) {
            if (StreamImages.typeOf(change.newImage()) != ItemType.STOCK) {
                continue;
            }
            StockLevel before = StreamImages.level(change.oldImage());
            StockLevel after = StreamImages.level(change.newImage());
            boolean moved = after != null
                    && (before == null ? after.available() != 0 : before.available() != after.available());
            if (moved && availability.concerns(after.locationId())) {
                locations.computeIfAbsent(after.sku(), k -> new LinkedHashMap<>())
                        .merge(after.locationId(), after.version(), Math::max);
                records.computeIfAbsent(after.sku(), k -> new ArrayList<>()).add(change.sequenceNumber());
            }
        }
        // SKUs are independent (each its own partition): their queries and writes overlap, so a
        // batch waits for about its slowest SKU rather than the sum of them.
        List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(Settings.CHANNEL_AVAILABILITY_PARALLELISM);
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (Map.Entry<String, Map<String, Long>> sku : locations.entrySet()) {
                executor.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        ChannelAvailabilityService.Outcome outcome = availability.levelsChanged(sku.getKey(), sku.getValue());
                        reads.addAndGet(outcome.reads());
                        writes.addAndGet(outcome.writes());
                    } catch (RuntimeException e) {
                        LOG.warn("channel availability of a SKU not computed; its {} record(s) will be delivered again: {}",
                                records.get(sku.getKey()).size(), e.getClass().getSimpleName());
                        failed.addAll(records.get(sku.getKey()));
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        telemetry.count("ChannelAvailabilityReads", reads.get());
        telemetry.count("ChannelAvailabilityWrites", writes.get());
        telemetry.count("ChannelAvailabilityFailures", failed.size());
        return failed;
    }

    /** Sends one chunk; returns the entries to send again. */
    private List<Pending> send(List<Pending> chunk) {
        PutEventsResponse response;
        try {
            response = eventBridge.putEvents(r -> r.entries(chunk.stream().map(Pending::entry).toList()));
        } catch (SdkException e) {
            LOG.warn("PutEvents failed as a whole: {}", e.getMessage());
            return chunk;
        }
        if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
            return List.of();
        }
        List<Pending> retry = new ArrayList<>();
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < chunk.size(); i++) {
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            if (result == null || result.errorCode() != null) {
                LOG.warn("event {} not accepted: {}", chunk.get(i).entry().detailType(),
                        result == null ? "no result" : result.errorCode());
                retry.add(chunk.get(i));
            }
        }
        return retry;
    }

    private static List<List<Pending>> chunks(List<Pending> pending) {
        List<List<Pending>> chunks = new ArrayList<>();
        List<Pending> current = new ArrayList<>();
        int bytes = 0;
        for (Pending p : pending) {
            if (current.size() == MAX_ENTRIES || (!current.isEmpty() && bytes + p.size() > MAX_REQUEST_BYTES)) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(p);
            bytes += p.size();
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private static int countFailedEntries(List<Pending> pending, Set<String> failedRecords) {
        return (int) pending.stream().filter(p -> failedRecords.contains(p.sequenceNumber())).count();
    }

}
