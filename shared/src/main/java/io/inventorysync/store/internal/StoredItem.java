package io.inventorysync.store.internal;

/** The keys and kind every item of the single table has. */
public abstract class StoredItem {
    private String pk;
    private String sk;
    private String itemType;
    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }
    public String getSk() {
        return sk;
    }

    public void setSk(String sk) {
        this.sk = sk;
    }
    public String getItemType() {
        return itemType;
    }

    public void setItemType(String itemType) {
        this.itemType = itemType;
    }
}
