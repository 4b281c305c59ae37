package io.inventorysync.store.internal;

/** The receipt of an accepted event, in the event's partition beside its ledger entries. */
public class ReceiptItem extends StoredItem {
    private String sourceId;
    private String eventId;
    private String fingerprint;
    private Integer movementCount;
    private String receivedAt;
    private Long ttl;
    private String queuedEvent;
    private String outboxToken;
    private String gsi3pk;
    private String gsi3sk;

    /** The event (SKUs mapped) while it is held in the queue outbox; removed once its movements are queued. */
    public String getQueuedEvent() {
        return queuedEvent;
    }

    public void setQueuedEvent(String queuedEvent) {
        this.queuedEvent = queuedEvent;
    }

    /** Which request holds the event in the outbox; removed with it. */
    public String getOutboxToken() {
        return outboxToken;
    }

    public void setOutboxToken(String outboxToken) {
        this.outboxToken = outboxToken;
    }
    public String getGsi3pk() {
        return gsi3pk;
    }

    public void setGsi3pk(String gsi3pk) {
        this.gsi3pk = gsi3pk;
    }
    public String getGsi3sk() {
        return gsi3sk;
    }

    public void setGsi3sk(String gsi3sk) {
        this.gsi3sk = gsi3sk;
    }
    public String getSourceId() {
        return sourceId;
    }

    public void setSourceId(String sourceId) {
        this.sourceId = sourceId;
    }
    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }
    public String getFingerprint() {
        return fingerprint;
    }

    public void setFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
    }
    public Integer getMovementCount() {
        return movementCount;
    }

    public void setMovementCount(Integer movementCount) {
        this.movementCount = movementCount;
    }
    public String getReceivedAt() {
        return receivedAt;
    }

    public void setReceivedAt(String receivedAt) {
        this.receivedAt = receivedAt;
    }
    public Long getTtl() {
        return ttl;
    }

    public void setTtl(Long ttl) {
        this.ttl = ttl;
    }
}
