package io.inventorysync.domain;

/**
 * Why units were written off or adjusted. A {@code WRITE_OFF} takes one of the write-off codes;
 * an {@code ADJUSTMENT} may also say {@link #CORRECTION} or {@link #FOUND}.
 */
public enum ReasonCode {
    DAMAGED(true),
    EXPIRED(true),
    THEFT(true),
    LOST(true),
    VENDOR_RETURN(true),
    OTHER(true),
    CORRECTION(false),
    FOUND(false);

    private final boolean writeOff;

    ReasonCode(boolean writeOff) {
        this.writeOff = writeOff;
    }

    /** True for the codes a {@code WRITE_OFF} may carry. */
    public boolean isWriteOff() {
        return writeOff;
    }
}
