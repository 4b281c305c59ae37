package io.inventorysync.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.inventorysync.testing.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The architecture rules over the functions and the shared classes they use. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ArchitectureRules.productionClasses();
    }

    @Test
    void storeInternals_shouldBeUsedOnlyInsideTheStore() {
        assertThat(classes.containPackage("io.inventorysync.outbox")).isTrue();
        ArchitectureRules.STORE_INTERNALS_STAY_INSIDE.check(classes);
    }

    @Test
    void handlers_shouldDependOnServicesOnly() {
        assertThat(classes.contain("io.inventorysync.functions.WebhookFunction")).isTrue();
        ArchitectureRules.HANDLERS_DEPEND_ON_SERVICES_ONLY.check(classes);
    }

    @Test
    void domain_shouldImportNoAwsJacksonOrAdapterClass() {
        ArchitectureRules.DOMAIN_IS_PURE.check(classes);
    }

    @Test
    void services_shouldReturnResultsNotHttpReplies() {
        assertThat(classes.contain("io.inventorysync.ingest.IngestService")).isTrue();
        ArchitectureRules.SERVICES_RETURN_RESULTS_NOT_HTTP.check(classes);
    }

    @Test
    void noClass_shouldReadThroughTheEnhancedClient() {
        assertThat(classes.contain("io.inventorysync.store.DynamoDbInventoryStore")).isTrue();
        ArchitectureRules.NO_ENHANCED_CLIENT_READS.check(classes);
    }

    @Test
    void mainCode_shouldNameNoStringConcatOrEnumLabelBootstrap() {
        assertThat(classes.contain("io.inventorysync.functions.WebhookFunction")).isTrue();
        assertThat(ArchitectureRules.classesNamingFirstUseBootstraps(classes))
                .as("production classes naming a bootstrap a fresh JVM pays for at its first use (README, issue 16, eighth round)")
                .isEmpty();
    }
}
