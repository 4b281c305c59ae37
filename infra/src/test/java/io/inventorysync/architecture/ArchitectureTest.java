package io.inventorysync.architecture;

import io.inventorysync.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The architecture rules that concern `infra`: it reaches the store through its public face only. */
class ArchitectureTest {

    @Test
    void storeInternals_shouldBeUsedOnlyInsideTheStore() {
        ArchitectureRules.STORE_INTERNALS_STAY_INSIDE.check(ArchitectureRules.productionClasses());
    }
}
