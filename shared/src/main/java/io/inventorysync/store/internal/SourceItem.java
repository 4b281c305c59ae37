package io.inventorysync.store.internal;

import java.util.List;
import java.util.Map;

/**
 * A source's configuration; the signing secret itself lives in Secrets Manager. A source that may
 * reserve is also listed in the {@code LedgerByRecord} index under {@code STOREFRONTS} (GSI1PK),
 * so the reservation routes find the storefronts without a scan.
 */
public class SourceItem extends StoredItem {
    /** The attribute that holds {@link #getCreateClaim()}. */
    public static final String CREATE_CLAIM = "createClaim";
    private String sourceId;
    private String secretRef;
    private Map<String, String> skuAliases;
    private String unknownSkus;
    private String vendor;
    private List<String> locations;
    private List<String> eventTypes;
    private Boolean canReserve;
    private Long driftThreshold;
    private String gsi1pk;
    private String gsi1sk;
    /** The claim of the create that wrote the item; a replace writes none (see {@code SourceRegistry.registerNew}). */
    private String createClaim;

    public String getCreateClaim() {
        return createClaim;
    }

    public void setCreateClaim(String createClaim) {
        this.createClaim = createClaim;
    }
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
    public List<String> getLocations() {
        return locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }
    public List<String> getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(List<String> eventTypes) {
        this.eventTypes = eventTypes;
    }
    public Boolean getCanReserve() {
        return canReserve;
    }

    public void setCanReserve(Boolean canReserve) {
        this.canReserve = canReserve;
    }
    public Long getDriftThreshold() {
        return driftThreshold;
    }

    public void setDriftThreshold(Long driftThreshold) {
        this.driftThreshold = driftThreshold;
    }
    public String getSourceId() {
        return sourceId;
    }

    public void setSourceId(String sourceId) {
        this.sourceId = sourceId;
    }
    public String getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(String secretRef) {
        this.secretRef = secretRef;
    }
    public Map<String, String> getSkuAliases() {
        return skuAliases;
    }

    public void setSkuAliases(Map<String, String> skuAliases) {
        this.skuAliases = skuAliases;
    }
    public String getUnknownSkus() {
        return unknownSkus;
    }

    public void setUnknownSkus(String unknownSkus) {
        this.unknownSkus = unknownSkus;
    }

    /** The vendor configuration as JSON ({@link VendorConfigJson}); absent for a contract source. */
    public String getVendor() {
        return vendor;
    }

    public void setVendor(String vendor) {
        this.vendor = vendor;
    }
}
