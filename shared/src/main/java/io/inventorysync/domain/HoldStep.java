package io.inventorysync.domain;

/**
 * A step a storefront asks of its own hold (contract v1 and v1.1): whether it sells the held units
 * at the hold's location (commit, fulfil) or gives them back (release, cancel) decides what the
 * storefront's current scope must allow ({@link SourceScope#holdStepRefused}).
 */
public enum HoldStep {
    /** The hold becomes a sale (immediate) or a commitment (deferred). */
    COMMIT,
    /** Units of a deferred commitment are handed over. */
    FULFIL,
    /** An active hold's units go back to {@code available}. */
    RELEASE,
    /** What remains of a deferred commitment goes back to {@code available}. */
    CANCEL;

    /** True when the step only gives held units back, moving no stock out of the location. */
    public boolean givesBack() {
        return this == RELEASE || this == CANCEL;
    }
}
