package io.inventorysync.movements;

import io.inventorysync.domain.Digests;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.retry.JitteredBackoff;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The movements queue on SQS FIFO: message group {@code sku#locationId} (order per record, no
 * transaction conflicts between groups), deduplication id from the movement key (a sender's retry
 * within five minutes is dropped by SQS; later ones by the ledger). Sends in batches of ten and
 * re-sends only the entries a batch reports failed, with jittered backoff.
 *
 * <p>Movements are spread over {@code lanes} by message group, and the lanes send in parallel on
 * threads built once with the queue: a group is always in one lane and a lane sends in order, so a
 * record's movements reach the queue in the order given. A lane stops at its first batch that
 * still fails after its retries, or at the deadline, and hands back exactly what SQS had not taken of
 * that batch (entries it took at an earlier attempt are not handed back) and the rest of the lane.
 */
public final class SqsMovementQueue implements MovementQueue {
    /** Message attributes that let the processor record an unreadable body against its event. */
    public static final String ATTR_SOURCE_ID = "sourceId";
    public static final String ATTR_EVENT_ID = "eventId";
    public static final String ATTR_LINE_KEY = "lineKey";
    public static final String ATTR_SKU = "sku";
    public static final String ATTR_LOCATION_ID = "locationId";

    private static final Logger LOG = LogManager.getLogger(SqsMovementQueue.class);
    private static final int BATCH = 10;
    private static final int MAX_ATTEMPTS = 5;

    private final SqsClient sqs;
    private final String queueUrl;
    private final JitteredBackoff backoff;
    private final int lanes;
    private final ExecutorService senders;
    private final Clock clock;

    /** One lane: the batches are sent one after another on the calling thread. */
    public SqsMovementQueue(SqsClient sqs, String queueUrl, Duration baseDelay) {
        this(sqs, queueUrl, baseDelay, 1, Clock.systemUTC());
    }

    /** @param lanes how many batches are in flight at once (threads built here, once) */
    public SqsMovementQueue(SqsClient sqs, String queueUrl, Duration baseDelay, int lanes, Clock clock) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be >= 1");
        }
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.backoff = new JitteredBackoff(baseDelay, baseDelay.multipliedBy(1 << 10));
        this.lanes = lanes;
        this.clock = clock;
        this.senders = lanes == 1 ? null : Executors.newFixedThreadPool(lanes, r -> {
            Thread t = new Thread(r, "movement-sender");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Sent send(List<Movement> movements, Instant deadline) {
        List<List<Movement>> byLane = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            byLane.add(new ArrayList<>());
        }
        for (Movement m : movements) {
            byLane.get(Math.floorMod(groupOf(m.sku(), m.locationId()).hashCode(), lanes)).add(m);
        }
        byLane.removeIf(List::isEmpty);
        List<Movement> unsent = new ArrayList<>();
        List<Movement> refused = new ArrayList<>();
        String refusal = null;
        if (senders == null || byLane.size() <= 1) {
            for (List<Movement> lane : byLane) {
                Sent sent = sendLane(lane, deadline);
                unsent.addAll(sent.unsent());
                refused.addAll(sent.refused());
                refusal = refusal == null ? sent.refusal() : refusal;
            }
            return new Sent(unsent, refusal, refused);
        }
        List<Future<Sent>> running = byLane.stream()
                .map(lane -> senders.submit(() -> sendLane(lane, deadline))).toList();
        for (int i = 0; i < running.size(); i++) {
            try {
                Sent sent = running.get(i).get();
                unsent.addAll(sent.unsent());
                refused.addAll(sent.refused());
                refusal = refusal == null ? sent.refusal() : refusal;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unsent.addAll(byLane.get(i));
            } catch (ExecutionException e) {
                LOG.error("a lane of movements failed; left unsent", e.getCause());
                unsent.addAll(byLane.get(i));
            }
        }
        return new Sent(unsent, refusal, refused);
    }

    /**
     * Sends one lane in order; answers, of the first batch that failed (or met the deadline), exactly the
     * entries SQS had not taken, and all the lane after it. Entries SQS refuses as the sender's fault are left
     * out and the lane goes on: they can never be sent, so nothing behind them waits for them (they are
     * answered unsent and refused, for the caller to park).
     */
    private Sent sendLane(List<Movement> lane, Instant deadline) {
        List<Movement> refused = new ArrayList<>();
        String[] refusal = new String[1];
        for (int from = 0; from < lane.size(); from += BATCH) {
            int to = Math.min(from + BATCH, lane.size());
            List<Movement> left = sendBatch(lane.subList(from, to), deadline, refusal, refused);
            if (!left.isEmpty()) {
                List<Movement> unsent = new ArrayList<>(refused);
                unsent.addAll(left);
                unsent.addAll(lane.subList(to, lane.size()));
                return new Sent(unsent, refusal[0], refused);
            }
        }
        return refused.isEmpty() ? Sent.ALL : new Sent(refused, refusal[0], refused);
    }

    /**
     * Sends one batch, again for the entries that failed, until each is in the queue or refused.
     *
     * @param refusal set to SQS's reason when it refuses entries as the sender's fault
     * @param refused gets the movements SQS refused as the sender's fault (never sent again)
     * @return the movements neither taken nor refused when it gave up (attempts spent, the deadline, or a
     *         failure other than SQS's), in batch order; empty when every entry is in the queue or refused
     */
    private List<Movement> sendBatch(List<Movement> batch, Instant deadline, String[] refusal, List<Movement> refused) {
        Map<String, SendMessageBatchRequestEntry> pending = new LinkedHashMap<>();
        boolean built = false;
        try {
            for (int i = 0; i < batch.size(); i++) {
                pending.put(Integer.toString(i), entry(Integer.toString(i), batch.get(i)));
            }
            built = true;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                if (!clock.instant().isBefore(deadline)) {
                    break;
                }
                try {
                    SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl)
                            .entries(new ArrayList<>(pending.values())));
                    response.successful().forEach(ok -> pending.remove(ok.id()));
                    List<BatchResultErrorEntry> senderFaults = response.failed().stream().filter(BatchResultErrorEntry::senderFault)
                            .filter(f -> pending.containsKey(f.id())).toList();
                    if (!senderFaults.isEmpty()) {
                        LOG.error("SQS refused movements as malformed: {}", senderFaults);
                        BatchResultErrorEntry first = senderFaults.getFirst();
                        refusal[0] = refusal[0] == null ? first.code() + ": " + first.message() : refusal[0];
                        for (BatchResultErrorEntry f : senderFaults) {
                            pending.remove(f.id());
                            refused.add(batch.get(Integer.parseInt(f.id())));
                        }
                    }
                    if (pending.isEmpty()) {
                        return List.of();
                    }
                    if (response.failed().isEmpty()) {
                        // Neither taken nor refused (an answer SQS should not give): a failed attempt, sent again.
                        LOG.warn("SQS answered no result for {} of {} entries (attempt {}); sending them again", pending.size(),
                                batch.size(), attempt);
                    } else if (senderFaults.size() < response.failed().size()) {
                        LOG.warn("{} of {} entries failed (attempt {}): {}", response.failed().size(),
                                response.failed().size() + response.successful().size(), attempt,
                                response.failed().getFirst().code());
                    }
                } catch (SdkException e) {
                    LOG.warn("movements queue failed (attempt {}): {}", attempt, e.getMessage());
                }
                if (attempt < MAX_ATTEMPTS && !backoff.pause(attempt)) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // Not SQS's answer (a movement that cannot be written as a message, say): what was taken stays taken.
            LOG.error("movements left unsent after a failure", e);
            if (!built) {
                return new ArrayList<>(batch);
            }
        }
        List<Movement> left = new ArrayList<>(pending.size());
        pending.keySet().forEach(id -> left.add(batch.get(Integer.parseInt(id))));
        return left;
    }

    static SendMessageBatchRequestEntry entry(String id, Movement m) {
        MovementKey key = m.key();
        return SendMessageBatchRequestEntry.builder()
                .id(id)
                .messageBody(MovementMessage.json(m))
                .messageGroupId(groupOf(m.sku(), m.locationId()))
                .messageDeduplicationId(Digests.sha256(key.toString()))
                .messageAttributes(Map.of(
                        ATTR_SOURCE_ID, attribute(key.sourceId()),
                        ATTR_EVENT_ID, attribute(key.eventId()),
                        ATTR_LINE_KEY, attribute(key.lineKey()),
                        ATTR_SKU, attribute(m.sku()),
                        ATTR_LOCATION_ID, attribute(m.locationId())))
                .build();
    }

    /** {@code sku#locationId}, hashed when longer than SQS's 128 characters. */
    public static String groupOf(String sku, String locationId) {
        String group = sku + "#" + locationId;
        return group.length() <= 128 ? group : Digests.sha256(group);
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

}
