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
    private String relayRefusal;
    private String relayRefusedAt;
    private String relayRefusedLines;

    /**
     * The positions, among the event's movements, of those SQS refused while the others were queued, comma
     * separated in ascending order (e.g. {@code 1,7}); absent when the whole event was refused, or none.
     */
    public String getRelayRefusedLines() {
        return relayRefusedLines;
    }

    public void setRelayRefusedLines(String relayRefusedLines) {
        this.relayRefusedLines = relayRefusedLines;
    }

    /** Why the ingest relay can never send the event (it parked it): a stable code, set once; absent otherwise. */
    public String getRelayRefusal() {
        return relayRefusal;
    }

    public void setRelayRefusal(String relayRefusal) {
        this.relayRefusal = relayRefusal;
    }

    /** When the relay's refusal was recorded (ISO instant). */
    public String getRelayRefusedAt() {
        return relayRefusedAt;
    }

    public void setRelayRefusedAt(String relayRefusedAt) {
        this.relayRefusedAt = relayRefusedAt;
    }

    /** The event (SKUs mapped) as accepted: what the ingest relay rebuilds its movements from, off the table's stream. */
    public String getQueuedEvent() {
        return queuedEvent;
    }

    public void setQueuedEvent(String queuedEvent) {
        this.queuedEvent = queuedEvent;
    }

    /** Which request wrote the receipt last: a sender's retry writes a new one, so the stream relays the event again. */
    public String getOutboxToken() {
        return outboxToken;
    }

    public void setOutboxToken(String outboxToken) {
        this.outboxToken = outboxToken;
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
