package io.inventorysync.store.internal;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** One line of a stored reservation. */
// Frozen: the bean mapping as it was before issue 16 replaced it with ItemSchemas; ItemSchemasTest
// checks that both store every item alike. A new attribute is added here too (with its annotations),
// an existing one is never changed here.
@DynamoDbBean
public class BeanHoldLineItem {
    private String sku;
    private Long quantity;
    private Long fulfilled;

    @DynamoDbAttribute("sku")
    public String getSku() {
        return sku;
    }

    public void setSku(String sku) {
        this.sku = sku;
    }

    @DynamoDbAttribute("quantity")
    public Long getQuantity() {
        return quantity;
    }

    public void setQuantity(Long quantity) {
        this.quantity = quantity;
    }

    @DynamoDbAttribute("fulfilled")
    public Long getFulfilled() {
        return fulfilled;
    }

    public void setFulfilled(Long fulfilled) {
        this.fulfilled = fulfilled;
    }
}
