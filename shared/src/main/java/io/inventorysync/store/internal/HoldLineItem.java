package io.inventorysync.store.internal;

/** One line of a stored reservation. */
public class HoldLineItem {
    private String sku;
    private Long quantity;
    private Long fulfilled;
    public String getSku() {
        return sku;
    }

    public void setSku(String sku) {
        this.sku = sku;
    }
    public Long getQuantity() {
        return quantity;
    }

    public void setQuantity(Long quantity) {
        this.quantity = quantity;
    }
    public Long getFulfilled() {
        return fulfilled;
    }

    public void setFulfilled(Long fulfilled) {
        this.fulfilled = fulfilled;
    }
}
