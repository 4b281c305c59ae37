package io.inventorysync.movements;

import io.inventorysync.domain.Digests;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.http.Json;
import io.inventorysync.retry.JitteredBackoff;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The movements queue on SQS FIFO: message group {@code sku#locationId} (order per record, no
 * transaction conflicts between groups), deduplication id from the movement key (a sender's retry
 * within five minutes is dropped by SQS; later ones by the ledger). Sends in batches of ten and
 * re-sends only the entries a batch reports failed, with jittered backoff.
 */
public final class SqsMovementQueue implements MovementQueue {
    /** Message attributes that let the processor record an unreadable body against its event. */
    public static final String ATTR_SOURCE_ID = "sourceId";
    public static final String ATTR_EVENT_ID = "eventId";
    public static final String ATTR_LINE_KEY = "lineKey";
    public static final String ATTR_SKU = "sku";
    public static final String ATTR_LOCATION_ID = "locationId";

    private static final int BATCH = 10;
    private static final int MAX_ATTEMPTS = 5;

    private final SqsClient sqs;
    private final String queueUrl;
    private final JitteredBackoff backoff;

    public SqsMovementQueue(SqsClient sqs, String queueUrl, Duration baseDelay) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.backoff = new JitteredBackoff(baseDelay, baseDelay.multipliedBy(1 << 10));
    }

    @Override
    public void send(List<Movement> movements) {
        for (int from = 0; from < movements.size(); from += BATCH) {
            sendBatch(movements.subList(from, Math.min(from + BATCH, movements.size())));
        }
    }

    private void sendBatch(List<Movement> batch) {
        Map<String, SendMessageBatchRequestEntry> pending = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            pending.put(Integer.toString(i), entry(Integer.toString(i), batch.get(i)));
        }
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl)
                        .entries(new ArrayList<>(pending.values())));
                response.successful().forEach(ok -> pending.remove(ok.id()));
                if (pending.isEmpty()) {
                    return;
                }
                List<BatchResultErrorEntry> senderFaults = response.failed().stream().filter(BatchResultErrorEntry::senderFault).toList();
                if (!senderFaults.isEmpty()) {
                    throw new IllegalStateException("SQS refused movements as malformed: " + senderFaults);
                }
                failure = response.failed().size() + " of " + (response.failed().size() + response.successful().size())
                        + " entries failed: " + response.failed().getFirst().code();
            } catch (SdkException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new QueueUnavailableException("movements queue unavailable: " + e.getMessage(), e);
                }
                failure = e.getMessage();
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new QueueUnavailableException("movements queue kept failing: " + failure, null);
            }
            if (!backoff.pause(attempt)) {
                throw new QueueUnavailableException("interrupted while sending movements", null);
            }
        }
    }

    static SendMessageBatchRequestEntry entry(String id, Movement m) {
        MovementKey key = m.key();
        return SendMessageBatchRequestEntry.builder()
                .id(id)
                .messageBody(Json.write(MovementMessage.of(m)))
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
