package io.inventorysync.store.internal;

import io.inventorysync.store.InventoryTable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** The keys and kind every item of the single table has. */
// Frozen: the bean mapping as it was before issue 16 replaced it with ItemSchemas; ItemSchemasTest
// checks that both store every item alike. A new attribute is added here too (with its annotations),
// an existing one is never changed here.
public abstract class BeanStoredItem {
    private String pk;
    private String sk;
    private String itemType;

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
}
