package io.inventorysync.store.internal;

import io.inventorysync.store.InventoryTable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/** A ledger entry as stored: the audit trail of a record and, for a movement, its idempotency record. */
// Frozen: the bean mapping as it was before issue 16 replaced it with ItemSchemas; ItemSchemasTest
// checks that both store every item alike. A new attribute is added here too (with its annotations),
// an existing one is never changed here.
@DynamoDbBean
public class BeanLedgerItem extends BeanStoredItem {
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

    @DynamoDbSecondaryPartitionKey(indexNames = InventoryTable.LEDGER_BY_RECORD_INDEX)
    @DynamoDbAttribute(InventoryTable.LEDGER_BY_RECORD_PK)
    public String getGsi1pk() {
        return gsi1pk;
    }

    public void setGsi1pk(String gsi1pk) {
        this.gsi1pk = gsi1pk;
    }

    @DynamoDbSecondarySortKey(indexNames = InventoryTable.LEDGER_BY_RECORD_INDEX)
    @DynamoDbAttribute(InventoryTable.LEDGER_BY_RECORD_SK)
    public String getGsi1sk() {
        return gsi1sk;
    }

    public void setGsi1sk(String gsi1sk) {
        this.gsi1sk = gsi1sk;
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

    @DynamoDbAttribute("lineKey")
    public String getLineKey() {
        return lineKey;
    }

    public void setLineKey(String lineKey) {
        this.lineKey = lineKey;
    }

    @DynamoDbAttribute("type")
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    @DynamoDbAttribute("sku")
    public String getSku() {
        return sku;
    }

    public void setSku(String sku) {
        this.sku = sku;
    }

    @DynamoDbAttribute("sourceSku")
    public String getSourceSku() {
        return sourceSku;
    }

    public void setSourceSku(String sourceSku) {
        this.sourceSku = sourceSku;
    }

    @DynamoDbAttribute("locationId")
    public String getLocationId() {
        return locationId;
    }

    public void setLocationId(String locationId) {
        this.locationId = locationId;
    }

    @DynamoDbAttribute("quantity")
    public Long getQuantity() {
        return quantity;
    }

    public void setQuantity(Long quantity) {
        this.quantity = quantity;
    }

    @DynamoDbAttribute("condition")
    public String getCondition() {
        return condition;
    }

    public void setCondition(String condition) {
        this.condition = condition;
    }

    @DynamoDbAttribute("occurredAt")
    public String getOccurredAt() {
        return occurredAt;
    }

    public void setOccurredAt(String occurredAt) {
        this.occurredAt = occurredAt;
    }

    @DynamoDbAttribute("reference")
    public String getReference() {
        return reference;
    }

    public void setReference(String reference) {
        this.reference = reference;
    }

    @DynamoDbAttribute("reservationId")
    public String getReservationId() {
        return reservationId;
    }

    public void setReservationId(String reservationId) {
        this.reservationId = reservationId;
    }

    @DynamoDbAttribute("counterpartLocationId")
    public String getCounterpartLocationId() {
        return counterpartLocationId;
    }

    public void setCounterpartLocationId(String counterpartLocationId) {
        this.counterpartLocationId = counterpartLocationId;
    }

    @DynamoDbAttribute("reason")
    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    @DynamoDbAttribute("onHandDelta")
    public Long getOnHandDelta() {
        return onHandDelta;
    }

    public void setOnHandDelta(Long onHandDelta) {
        this.onHandDelta = onHandDelta;
    }

    @DynamoDbAttribute("onHandSet")
    public Long getOnHandSet() {
        return onHandSet;
    }

    public void setOnHandSet(Long onHandSet) {
        this.onHandSet = onHandSet;
    }

    @DynamoDbAttribute("reservedDelta")
    public Long getReservedDelta() {
        return reservedDelta;
    }

    public void setReservedDelta(Long reservedDelta) {
        this.reservedDelta = reservedDelta;
    }

    @DynamoDbAttribute("damagedDelta")
    public Long getDamagedDelta() {
        return damagedDelta;
    }

    public void setDamagedDelta(Long damagedDelta) {
        this.damagedDelta = damagedDelta;
    }

    @DynamoDbAttribute("inTransitDelta")
    public Long getInTransitDelta() {
        return inTransitDelta;
    }

    public void setInTransitDelta(Long inTransitDelta) {
        this.inTransitDelta = inTransitDelta;
    }

    @DynamoDbAttribute("outcome")
    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    @DynamoDbAttribute("outcomeReason")
    public String getOutcomeReason() {
        return outcomeReason;
    }

    public void setOutcomeReason(String outcomeReason) {
        this.outcomeReason = outcomeReason;
    }

    @DynamoDbAttribute("recordedAt")
    public String getRecordedAt() {
        return recordedAt;
    }

    public void setRecordedAt(String recordedAt) {
        this.recordedAt = recordedAt;
    }

    @DynamoDbAttribute("fingerprint")
    public String getFingerprint() {
        return fingerprint;
    }

    public void setFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    @DynamoDbAttribute("attemptId")
    public String getAttemptId() {
        return attemptId;
    }

    public void setAttemptId(String attemptId) {
        this.attemptId = attemptId;
    }

    @DynamoDbAttribute("committedDelta")
    public Long getCommittedDelta() {
        return committedDelta;
    }

    public void setCommittedDelta(Long committedDelta) {
        this.committedDelta = committedDelta;
    }

    @DynamoDbAttribute("quarantineDelta")
    public Long getQuarantineDelta() {
        return quarantineDelta;
    }

    public void setQuarantineDelta(Long quarantineDelta) {
        this.quarantineDelta = quarantineDelta;
    }

    @DynamoDbAttribute("fromState")
    public String getFromState() {
        return fromState;
    }

    public void setFromState(String fromState) {
        this.fromState = fromState;
    }

    @DynamoDbAttribute("toState")
    public String getToState() {
        return toState;
    }

    public void setToState(String toState) {
        this.toState = toState;
    }

    @DynamoDbAttribute("reasonCode")
    public String getReasonCode() {
        return reasonCode;
    }

    public void setReasonCode(String reasonCode) {
        this.reasonCode = reasonCode;
    }
}
