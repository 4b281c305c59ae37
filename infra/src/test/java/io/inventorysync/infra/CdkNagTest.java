package io.inventorysync.infra;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cdk-nag's AWS Solutions pack finds nothing that is not acknowledged with a reason, and no
 * synthesis carries an error (the CDK CLI refuses to deploy those), in every variant: as shipped,
 * with the example HTTPS channel, for LocalStack, and with the webhook's function URL (on both).
 */
class CdkNagTest {

    enum Variant {
        PROD(Stacks.Variant.PROD),
        PROD_WITH_HTTPS_CHANNEL(Stacks.Variant.PROD_WITH_HTTPS_CHANNEL),
        LOCALSTACK(Stacks.Variant.LOCALSTACK),
        PROD_WITH_SHOPIFY_CHANNEL(Stacks.Variant.PROD_WITH_SHOPIFY_CHANNEL),
        PROD_WITH_WEBHOOK_URL(Stacks.Variant.PROD_WITH_WEBHOOK_URL),
        LOCALSTACK_WITH_WEBHOOK_URL(Stacks.Variant.LOCALSTACK_WITH_WEBHOOK_URL);

        final Stacks.Variant stack;

        Variant(Stacks.Variant stack) {
            this.stack = stack;
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    @SuppressWarnings("deprecation")
    void stack_shouldHaveNoUnacknowledgedFindingAndNoError(Variant variant) {
        // given
        InventorySyncStack stack = Stacks.stack(variant.stack);
        // when
        Annotations annotations = Annotations.fromStack(stack);
        List<SynthesisMessage> errors = annotations.findError("*", Match.anyValue());
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.anyValue());
        // then
        assertThat(errors).as(describe(errors)).isEmpty();
        assertThat(warnings).as("no warning, cdk-nag's or CDK's, left unacknowledged" + describe(warnings)).isEmpty();
    }

    @SuppressWarnings("deprecation")
    private static String describe(List<SynthesisMessage> messages) {
        StringBuilder text = new StringBuilder();
        messages.forEach(m -> text.append("\n").append(m.getId()).append(": ")
                .append(String.valueOf(m.getEntry().getData()).lines().findFirst().orElse("")));
        return text.toString();
    }
}
