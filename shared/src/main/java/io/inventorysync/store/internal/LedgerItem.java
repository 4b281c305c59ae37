package io.inventorysync.store.internal;

/** A ledger entry as stored: the audit trail of a record and, for a movement, its idempotency record. */
public class LedgerItem extends StoredItem {
    private String gsi1pk;
    private String gsi1sk;
    private String sourceId;
    private String eventId;
    private String lineKey;
    private String type;
    private String sku;
    private String sourceSku;
    private String locationId;
    private Long quantity;
    private String condition;
    private String occurredAt;
    private String reference;
    private String reservationId;
    private String counterpartLocationId;
    private String reason;
    private Long onHandDelta;
    private Long onHandSet;
    private Long reservedDelta;
    private Long damagedDelta;
    private Long inTransitDelta;
    private Long committedDelta;
    private Long quarantineDelta;
    private String fromState;
    private String toState;
    private String reasonCode;
    private String outcome;
    private String outcomeReason;
    private String recordedAt;
    private String fingerprint;
    private String attemptId;
    public String getGsi1pk() {
        return gsi1pk;
    }

    public void setGsi1pk(String gsi1pk) {
        this.gsi1pk = gsi1pk;
    }
    public String getGsi1sk() {
        return gsi1sk;
    }

    public void setGsi1sk(String gsi1sk) {
        this.gsi1sk = gsi1sk;
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
    public String getLineKey() {
        return lineKey;
    }

    public void setLineKey(String lineKey) {
        this.lineKey = lineKey;
    }
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }
    public String getSku() {
        return sku;
    }

    public void setSku(String sku) {
        this.sku = sku;
    }
    public String getSourceSku() {
        return sourceSku;
    }

    public void setSourceSku(String sourceSku) {
        this.sourceSku = sourceSku;
    }
    public String getLocationId() {
        return locationId;
    }

    public void setLocationId(String locationId) {
        this.locationId = locationId;
    }
    public Long getQuantity() {
        return quantity;
    }

    public void setQuantity(Long quantity) {
        this.quantity = quantity;
    }
    public String getCondition() {
        return condition;
    }

    public void setCondition(String condition) {
        this.condition = condition;
    }
    public String getOccurredAt() {
        return occurredAt;
    }

    public void setOccurredAt(String occurredAt) {
        this.occurredAt = occurredAt;
    }
    public String getReference() {
        return reference;
    }

    public void setReference(String reference) {
        this.reference = reference;
    }
    public String getReservationId() {
        return reservationId;
    }

    public void setReservationId(String reservationId) {
        this.reservationId = reservationId;
    }
    public String getCounterpartLocationId() {
        return counterpartLocationId;
    }

    public void setCounterpartLocationId(String counterpartLocationId) {
        this.counterpartLocationId = counterpartLocationId;
    }
    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
    public Long getOnHandDelta() {
        return onHandDelta;
    }

    public void setOnHandDelta(Long onHandDelta) {
        this.onHandDelta = onHandDelta;
    }
    public Long getOnHandSet() {
        return onHandSet;
    }

    public void setOnHandSet(Long onHandSet) {
        this.onHandSet = onHandSet;
    }
    public Long getReservedDelta() {
        return reservedDelta;
    }

    public void setReservedDelta(Long reservedDelta) {
        this.reservedDelta = reservedDelta;
    }
    public Long getDamagedDelta() {
        return damagedDelta;
    }

    public void setDamagedDelta(Long damagedDelta) {
        this.damagedDelta = damagedDelta;
    }
    public Long getInTransitDelta() {
        return inTransitDelta;
    }

    public void setInTransitDelta(Long inTransitDelta) {
        this.inTransitDelta = inTransitDelta;
    }
    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }
    public String getOutcomeReason() {
        return outcomeReason;
    }

    public void setOutcomeReason(String outcomeReason) {
        this.outcomeReason = outcomeReason;
    }
    public String getRecordedAt() {
        return recordedAt;
    }

    public void setRecordedAt(String recordedAt) {
        this.recordedAt = recordedAt;
    }
    public String getFingerprint() {
        return fingerprint;
    }

    public void setFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
    }
    public String getAttemptId() {
        return attemptId;
    }

    public void setAttemptId(String attemptId) {
        this.attemptId = attemptId;
    }
    public Long getCommittedDelta() {
        return committedDelta;
    }

    public void setCommittedDelta(Long committedDelta) {
        this.committedDelta = committedDelta;
    }
    public Long getQuarantineDelta() {
        return quarantineDelta;
    }

    public void setQuarantineDelta(Long quarantineDelta) {
        this.quarantineDelta = quarantineDelta;
    }
    public String getFromState() {
        return fromState;
    }

    public void setFromState(String fromState) {
        this.fromState = fromState;
    }
    public String getToState() {
        return toState;
    }

    public void setToState(String toState) {
        this.toState = toState;
    }
    public String getReasonCode() {
        return reasonCode;
    }

    public void setReasonCode(String reasonCode) {
        this.reasonCode = reasonCode;
    }
}
