package io.inventorysync.store.internal;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import io.inventorysync.store.InventoryTable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

import java.util.List;
import java.util.Map;

/**
 * A source's configuration; the signing secret itself lives in Secrets Manager. A source that may
 * reserve is also listed in the {@code LedgerByRecord} index under {@code STOREFRONTS} (GSI1PK),
 * so the reservation routes find the storefronts without a scan.
 */
// Frozen: the bean mapping as it was before issue 16 replaced it with ItemSchemas; ItemSchemasTest
// checks that both store every item alike. A new attribute is added here too (with its annotations),
// an existing one is never changed here.
@DynamoDbBean
public class BeanSourceItem extends BeanStoredItem {
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
    private String createClaim;

    @DynamoDbAttribute("createClaim")
    public String getCreateClaim() {
        return createClaim;
    }

    public void setCreateClaim(String createClaim) {
        this.createClaim = createClaim;
    }

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

    @DynamoDbAttribute("locations")
    public List<String> getLocations() {
        return locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    @DynamoDbAttribute("eventTypes")
    public List<String> getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(List<String> eventTypes) {
        this.eventTypes = eventTypes;
    }

    @DynamoDbAttribute("canReserve")
    public Boolean getCanReserve() {
        return canReserve;
    }

    public void setCanReserve(Boolean canReserve) {
        this.canReserve = canReserve;
    }

    @DynamoDbAttribute("driftThreshold")
    public Long getDriftThreshold() {
        return driftThreshold;
    }

    public void setDriftThreshold(Long driftThreshold) {
        this.driftThreshold = driftThreshold;
    }

    @DynamoDbAttribute("sourceId")
    public String getSourceId() {
        return sourceId;
    }

    public void setSourceId(String sourceId) {
        this.sourceId = sourceId;
    }

    @DynamoDbAttribute("secretRef")
    public String getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(String secretRef) {
        this.secretRef = secretRef;
    }

    @DynamoDbAttribute("skuAliases")
    public Map<String, String> getSkuAliases() {
        return skuAliases;
    }

    public void setSkuAliases(Map<String, String> skuAliases) {
        this.skuAliases = skuAliases;
    }

    @DynamoDbAttribute("unknownSkus")
    public String getUnknownSkus() {
        return unknownSkus;
    }

    public void setUnknownSkus(String unknownSkus) {
        this.unknownSkus = unknownSkus;
    }

    /** The vendor configuration as JSON ({@link VendorConfigJson}); absent for a contract source. */
    @DynamoDbAttribute("vendor")
    public String getVendor() {
        return vendor;
    }

    public void setVendor(String vendor) {
        this.vendor = vendor;
    }
}
