package io.inventorysync.store.internal;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** A stock level as stored; counters are written by update expressions, read through this bean. */
// Frozen: the bean mapping as it was before issue 16 replaced it with ItemSchemas; ItemSchemasTest
// checks that both store every item alike. A new attribute is added here too (with its annotations),
// an existing one is never changed here.
@DynamoDbBean
public class BeanStockItem extends BeanStoredItem {
    private String sku;
    private String locationId;
    private Long onHand;
    private Long reserved;
    private Long free;
    private Long damaged;
    private Long inTransit;
    private Long committed;
    private Long quarantine;
    private Long held;
    private Long sinceCount;
    private Long version;
    private Long lastCountAt;
    private String updatedAt;
    private String causeType;
    private String causeSourceId;
    private String causeEventId;
    private String causeReference;
    private String causeOccurredAt;

    @DynamoDbAttribute("sku")
    public String getSku() {
        return sku;
    }

    public void setSku(String sku) {
        this.sku = sku;
    }

    @DynamoDbAttribute("locationId")
    public String getLocationId() {
        return locationId;
    }

    public void setLocationId(String locationId) {
        this.locationId = locationId;
    }

    @DynamoDbAttribute("onHand")
    public Long getOnHand() {
        return onHand;
    }

    public void setOnHand(Long onHand) {
        this.onHand = onHand;
    }

    @DynamoDbAttribute("reserved")
    public Long getReserved() {
        return reserved;
    }

    public void setReserved(Long reserved) {
        this.reserved = reserved;
    }

    @DynamoDbAttribute("free")
    public Long getFree() {
        return free;
    }

    public void setFree(Long free) {
        this.free = free;
    }

    @DynamoDbAttribute("damaged")
    public Long getDamaged() {
        return damaged;
    }

    public void setDamaged(Long damaged) {
        this.damaged = damaged;
    }

    @DynamoDbAttribute("inTransit")
    public Long getInTransit() {
        return inTransit;
    }

    public void setInTransit(Long inTransit) {
        this.inTransit = inTransit;
    }

    @DynamoDbAttribute("version")
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    @DynamoDbAttribute("lastCountAt")
    public Long getLastCountAt() {
        return lastCountAt;
    }

    public void setLastCountAt(Long lastCountAt) {
        this.lastCountAt = lastCountAt;
    }

    @DynamoDbAttribute("updatedAt")
    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }

    @DynamoDbAttribute("causeType")
    public String getCauseType() {
        return causeType;
    }

    public void setCauseType(String causeType) {
        this.causeType = causeType;
    }

    @DynamoDbAttribute("causeSourceId")
    public String getCauseSourceId() {
        return causeSourceId;
    }

    public void setCauseSourceId(String causeSourceId) {
        this.causeSourceId = causeSourceId;
    }

    @DynamoDbAttribute("causeEventId")
    public String getCauseEventId() {
        return causeEventId;
    }

    public void setCauseEventId(String causeEventId) {
        this.causeEventId = causeEventId;
    }

    @DynamoDbAttribute("causeReference")
    public String getCauseReference() {
        return causeReference;
    }

    public void setCauseReference(String causeReference) {
        this.causeReference = causeReference;
    }

    @DynamoDbAttribute("causeOccurredAt")
    public String getCauseOccurredAt() {
        return causeOccurredAt;
    }

    public void setCauseOccurredAt(String causeOccurredAt) {
        this.causeOccurredAt = causeOccurredAt;
    }

    @DynamoDbAttribute("committed")
    public Long getCommitted() {
        return committed;
    }

    public void setCommitted(Long committed) {
        this.committed = committed;
    }

    @DynamoDbAttribute("quarantine")
    public Long getQuarantine() {
        return quarantine;
    }

    public void setQuarantine(Long quarantine) {
        this.quarantine = quarantine;
    }

    @DynamoDbAttribute("held")
    public Long getHeld() {
        return held;
    }

    public void setHeld(Long held) {
        this.held = held;
    }

    /** See {@code Updates#SINCE_COUNT}; {@code null} on a record last written before v1.1. */
    @DynamoDbAttribute(Updates.SINCE_COUNT)
    public Long getSinceCount() {
        return sinceCount;
    }

    public void setSinceCount(Long sinceCount) {
        this.sinceCount = sinceCount;
    }
}
