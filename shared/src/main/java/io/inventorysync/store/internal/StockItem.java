package io.inventorysync.store.internal;

/** A stock level as stored; counters are written by update expressions, read through this bean. */
public class StockItem extends StoredItem {
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
    public String getSku() {
        return sku;
    }

    public void setSku(String sku) {
        this.sku = sku;
    }
    public String getLocationId() {
        return locationId;
    }

    public void setLocationId(String locationId) {
        this.locationId = locationId;
    }
    public Long getOnHand() {
        return onHand;
    }

    public void setOnHand(Long onHand) {
        this.onHand = onHand;
    }
    public Long getReserved() {
        return reserved;
    }

    public void setReserved(Long reserved) {
        this.reserved = reserved;
    }
    public Long getFree() {
        return free;
    }

    public void setFree(Long free) {
        this.free = free;
    }
    public Long getDamaged() {
        return damaged;
    }

    public void setDamaged(Long damaged) {
        this.damaged = damaged;
    }
    public Long getInTransit() {
        return inTransit;
    }

    public void setInTransit(Long inTransit) {
        this.inTransit = inTransit;
    }
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
    public Long getLastCountAt() {
        return lastCountAt;
    }

    public void setLastCountAt(Long lastCountAt) {
        this.lastCountAt = lastCountAt;
    }
    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }
    public String getCauseType() {
        return causeType;
    }

    public void setCauseType(String causeType) {
        this.causeType = causeType;
    }
    public String getCauseSourceId() {
        return causeSourceId;
    }

    public void setCauseSourceId(String causeSourceId) {
        this.causeSourceId = causeSourceId;
    }
    public String getCauseEventId() {
        return causeEventId;
    }

    public void setCauseEventId(String causeEventId) {
        this.causeEventId = causeEventId;
    }
    public String getCauseReference() {
        return causeReference;
    }

    public void setCauseReference(String causeReference) {
        this.causeReference = causeReference;
    }
    public String getCauseOccurredAt() {
        return causeOccurredAt;
    }

    public void setCauseOccurredAt(String causeOccurredAt) {
        this.causeOccurredAt = causeOccurredAt;
    }
    public Long getCommitted() {
        return committed;
    }

    public void setCommitted(Long committed) {
        this.committed = committed;
    }
    public Long getQuarantine() {
        return quarantine;
    }

    public void setQuarantine(Long quarantine) {
        this.quarantine = quarantine;
    }
    public Long getHeld() {
        return held;
    }

    public void setHeld(Long held) {
        this.held = held;
    }

    /** See {@link Updates#SINCE_COUNT}; {@code null} on a record last written before v1.1. */
    public Long getSinceCount() {
        return sinceCount;
    }

    public void setSinceCount(Long sinceCount) {
        this.sinceCount = sinceCount;
    }
}
