package io.inventorysync.store.internal;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.util.Map;

/** A source's configuration; the signing secret itself lives in Secrets Manager. */
@DynamoDbBean
public class SourceItem extends StoredItem {
    private String sourceId;
    private String secretRef;
    private Map<String, String> skuAliases;
    private String unknownSkus;
    private String vendor;

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
