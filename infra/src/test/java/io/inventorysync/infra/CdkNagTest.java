package io.inventorysync.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** cdk-nag's AWS Solutions pack finds nothing that is not acknowledged with a reason. */
class CdkNagTest {

    @Test
    void stack_shouldHaveNoUnacknowledgedAwsSolutionsFinding() {
        // given
        InventorySyncStack stack = Stacks.synthesize(StackSettings.Stage.PROD);
        // when
        Annotations annotations = Annotations.fromStack(stack);
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        // then
        assertThat(errors).as(describe(errors)).isEmpty();
        assertThat(warnings).as(describe(warnings)).isEmpty();
        assertThat(annotations.findWarning("*", Match.anyValue())).as("no CDK warning left unacknowledged").isEmpty();
    }

    private static String describe(List<SynthesisMessage> messages) {
        StringBuilder text = new StringBuilder();
        messages.forEach(m -> text.append("\n").append(m.getId()).append(": ")
                .append(String.valueOf(m.getEntry().getData()).lines().findFirst().orElse("")));
        return text.toString();
    }
}
