package io.inventorysync.store.internal;

import io.inventorysync.store.InventoryTable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

import java.util.Map;

/** A source's configuration; the signing secret itself lives in Secrets Manager. */
@DynamoDbBean
public class SourceItem {
    private String pk;
    private String sk;
    private String itemType;
    private String sourceId;
    private String secretRef;
    private Map<String, String> skuAliases;
    private String unknownSkus;

    @DynamoDbPartitionKey
    @DynamoDbAttribute(InventoryTable.PK)
    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    @DynamoDbSortKey
    @DynamoDbAttribute(InventoryTable.SK)
    public String getSk() {
        return sk;
    }

    public void setSk(String sk) {
        this.sk = sk;
    }

    @DynamoDbAttribute(InventoryTable.ITEM_TYPE)
    public String getItemType() {
        return itemType;
    }

    public void setItemType(String itemType) {
        this.itemType = itemType;
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
}
