package io.inventorysync.store.internal;

import io.inventorysync.store.InventoryTable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** The receipt of an accepted event, in the event's partition beside its ledger entries. */
// Frozen: the bean mapping as it was before issue 16 replaced it with ItemSchemas; ItemSchemasTest
// checks that both store every item alike. A new attribute is added here too (with its annotations),
// an existing one is never changed here.
@DynamoDbBean
public class BeanReceiptItem extends BeanStoredItem {
    private String sourceId;
    private String eventId;
    private String fingerprint;
    private Integer movementCount;
    private String receivedAt;
    private Long ttl;
    private String queuedEvent;
    private String outboxToken;
    private String relayRefusal;
    private String relayRefusedAt;
    private String relayRefusedLines;

    /** Why the ingest relay can never send the event (set once when it parks it). */
    @DynamoDbAttribute("relayRefusal")
    public String getRelayRefusal() {
        return relayRefusal;
    }

    public void setRelayRefusal(String relayRefusal) {
        this.relayRefusal = relayRefusal;
    }

    @DynamoDbAttribute("relayRefusedAt")
    public String getRelayRefusedAt() {
        return relayRefusedAt;
    }

    public void setRelayRefusedAt(String relayRefusedAt) {
        this.relayRefusedAt = relayRefusedAt;
    }

    /** The refused movements' positions when SQS took the others (e.g. {@code 1,7}). */
    @DynamoDbAttribute("relayRefusedLines")
    public String getRelayRefusedLines() {
        return relayRefusedLines;
    }

    public void setRelayRefusedLines(String relayRefusedLines) {
        this.relayRefusedLines = relayRefusedLines;
    }

    /** The event (SKUs mapped) while it is held in the queue outbox; removed once its movements are queued. */
    @DynamoDbAttribute("queuedEvent")
    public String getQueuedEvent() {
        return queuedEvent;
    }

    public void setQueuedEvent(String queuedEvent) {
        this.queuedEvent = queuedEvent;
    }

    /** Which request holds the event in the outbox; removed with it. */
    @DynamoDbAttribute("outboxToken")
    public String getOutboxToken() {
        return outboxToken;
    }

    public void setOutboxToken(String outboxToken) {
        this.outboxToken = outboxToken;
    }

    @DynamoDbAttribute("sourceId")
    public String getSourceId() {
        return sourceId;
    }

    public void setSourceId(String sourceId) {
        this.sourceId = sourceId;
    }

    @DynamoDbAttribute("eventId")
    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }

    @DynamoDbAttribute("fingerprint")
    public String getFingerprint() {
        return fingerprint;
    }

    public void setFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    @DynamoDbAttribute("movementCount")
    public Integer getMovementCount() {
        return movementCount;
    }

    public void setMovementCount(Integer movementCount) {
        this.movementCount = movementCount;
    }

    @DynamoDbAttribute("receivedAt")
    public String getReceivedAt() {
        return receivedAt;
    }

    public void setReceivedAt(String receivedAt) {
        this.receivedAt = receivedAt;
    }

    @DynamoDbAttribute(InventoryTable.TTL_ATTRIBUTE)
    public Long getTtl() {
        return ttl;
    }

    public void setTtl(Long ttl) {
        this.ttl = ttl;
    }
}
