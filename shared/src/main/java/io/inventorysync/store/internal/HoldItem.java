package io.inventorysync.store.internal;

import java.util.List;

/** A reservation as stored. GSI2PK/GSI2SK are set only while it is active (sparse index). */
public class HoldItem extends StoredItem {
    private String gsi1pk;
    private String gsi1sk;

    /** {@code HOLDID#{reservationId}}: every storefront's hold with one id, for a sale that names it. */
    public String getGsi1pk() {
        return gsi1pk;
    }

    public void setGsi1pk(String gsi1pk) {
        this.gsi1pk = gsi1pk;
    }

    /** The storefront that placed it. */
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
    private List<HoldLineItem> lines;
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
    public String getGsi2pk() {
        return gsi2pk;
    }

    public void setGsi2pk(String gsi2pk) {
        this.gsi2pk = gsi2pk;
    }
    public String getGsi2sk() {
        return gsi2sk;
    }

    public void setGsi2sk(String gsi2sk) {
        this.gsi2sk = gsi2sk;
    }
    public String getReservationId() {
        return reservationId;
    }

    public void setReservationId(String reservationId) {
        this.reservationId = reservationId;
    }
    public String getSourceId() {
        return sourceId;
    }

    public void setSourceId(String sourceId) {
        this.sourceId = sourceId;
    }
    public String getLocationId() {
        return locationId;
    }

    public void setLocationId(String locationId) {
        this.locationId = locationId;
    }
    public List<HoldLineItem> getLines() {
        return lines;
    }

    public void setLines(List<HoldLineItem> lines) {
        this.lines = lines;
    }
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }
    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }
    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }
    public String getFingerprint() {
        return fingerprint;
    }

    public void setFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
    }
    public Long getTtl() {
        return ttl;
    }

    public void setTtl(Long ttl) {
        this.ttl = ttl;
    }
    public String getAttemptId() {
        return attemptId;
    }

    public void setAttemptId(String attemptId) {
        this.attemptId = attemptId;
    }
    public String getFulfilment() {
        return fulfilment;
    }

    public void setFulfilment(String fulfilment) {
        this.fulfilment = fulfilment;
    }
    public java.util.Map<String, String> getFulfilments() {
        return fulfilments;
    }

    public void setFulfilments(java.util.Map<String, String> fulfilments) {
        this.fulfilments = fulfilments;
    }
    public Long getRevision() {
        return revision;
    }

    public void setRevision(Long revision) {
        this.revision = revision;
    }
}
