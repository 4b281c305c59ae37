package io.inventorysync.store.internal;

import io.inventorysync.store.InventoryTable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

import java.util.List;

/** A reservation as stored. GSI2PK/GSI2SK are set only while it is active (sparse index). */
// Frozen: the bean mapping as it was before issue 16 replaced it with ItemSchemas; ItemSchemasTest
// checks that both store every item alike. A new attribute is added here too (with its annotations),
// an existing one is never changed here.
@DynamoDbBean
public class BeanHoldItem extends BeanStoredItem {
    private String gsi1pk;
    private String gsi1sk;

    /** {@code HOLDID#{reservationId}}: every storefront's hold with one id, for a sale that names it. */
    @DynamoDbSecondaryPartitionKey(indexNames = InventoryTable.LEDGER_BY_RECORD_INDEX)
    @DynamoDbAttribute(InventoryTable.LEDGER_BY_RECORD_PK)
    public String getGsi1pk() {
        return gsi1pk;
    }

    public void setGsi1pk(String gsi1pk) {
        this.gsi1pk = gsi1pk;
    }

    /** The storefront that placed it. */
    @DynamoDbSecondarySortKey(indexNames = InventoryTable.LEDGER_BY_RECORD_INDEX)
    @DynamoDbAttribute(InventoryTable.LEDGER_BY_RECORD_SK)
    public String getGsi1sk() {
        return gsi1sk;
    }

    public void setGsi1sk(String gsi1sk) {
        this.gsi1sk = gsi1sk;
    }
    private String gsi2pk;
    private String gsi2sk;
    private String reservationId;
    private String sourceId;
    private String locationId;
    private List<BeanHoldLineItem> lines;
    private String status;
    private String createdAt;
    private Long expiresAt;
    private String finishedAt;
    private String fingerprint;
    private String attemptId;
    private Long ttl;
    private String fulfilment;
    private java.util.Map<String, String> fulfilments;
    private Long revision;

    @DynamoDbSecondaryPartitionKey(indexNames = InventoryTable.ACTIVE_HOLDS_INDEX)
    @DynamoDbAttribute(InventoryTable.ACTIVE_HOLDS_PK)
    public String getGsi2pk() {
        return gsi2pk;
    }

    public void setGsi2pk(String gsi2pk) {
        this.gsi2pk = gsi2pk;
    }

    @DynamoDbSecondarySortKey(indexNames = InventoryTable.ACTIVE_HOLDS_INDEX)
    @DynamoDbAttribute(InventoryTable.ACTIVE_HOLDS_SK)
    public String getGsi2sk() {
        return gsi2sk;
    }

    public void setGsi2sk(String gsi2sk) {
        this.gsi2sk = gsi2sk;
    }

    @DynamoDbAttribute("reservationId")
    public String getReservationId() {
        return reservationId;
    }

    public void setReservationId(String reservationId) {
        this.reservationId = reservationId;
    }

    @DynamoDbAttribute("sourceId")
    public String getSourceId() {
        return sourceId;
    }

    public void setSourceId(String sourceId) {
        this.sourceId = sourceId;
    }

    @DynamoDbAttribute("locationId")
    public String getLocationId() {
        return locationId;
    }

    public void setLocationId(String locationId) {
        this.locationId = locationId;
    }

    @DynamoDbAttribute("lines")
    public List<BeanHoldLineItem> getLines() {
        return lines;
    }

    public void setLines(List<BeanHoldLineItem> lines) {
        this.lines = lines;
    }

    @DynamoDbAttribute("status")
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    @DynamoDbAttribute("createdAt")
    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    @DynamoDbAttribute("expiresAt")
    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    @DynamoDbAttribute("finishedAt")
    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }

    @DynamoDbAttribute("fingerprint")
    public String getFingerprint() {
        return fingerprint;
    }

    public void setFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    @DynamoDbAttribute(InventoryTable.TTL_ATTRIBUTE)
    public Long getTtl() {
        return ttl;
    }

    public void setTtl(Long ttl) {
        this.ttl = ttl;
    }

    @DynamoDbAttribute("attemptId")
    public String getAttemptId() {
        return attemptId;
    }

    public void setAttemptId(String attemptId) {
        this.attemptId = attemptId;
    }

    @DynamoDbAttribute("fulfilment")
    public String getFulfilment() {
        return fulfilment;
    }

    public void setFulfilment(String fulfilment) {
        this.fulfilment = fulfilment;
    }

    @DynamoDbAttribute("fulfilments")
    public java.util.Map<String, String> getFulfilments() {
        return fulfilments;
    }

    public void setFulfilments(java.util.Map<String, String> fulfilments) {
        this.fulfilments = fulfilments;
    }

    @DynamoDbAttribute("revision")
    public Long getRevision() {
        return revision;
    }

    public void setRevision(Long revision) {
        this.revision = revision;
    }
}
