package io.inventorysync.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.Map;

/** With {@code -c localstack=true}, only what LocalStack lacks is swapped; everything else stays. */
class LocalStackStackTest {
    private static Template template;

    @BeforeAll
    static void synthesizeOnce() {
        template = Template.fromStack(Stacks.synthesize(StackSettings.Stage.DEV, true));
    }

    @Test
    void functions_shouldRunJava21OnX86WithoutSnapStart() {
        template.allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "java21",
                "Architectures", java.util.List.of("x86_64"),
                "SnapStart", Match.absent())));
        template.resourceCountIs("AWS::Lambda::Alias", 6);
    }

    @Test
    void httpsChannels_shouldBecomeQueues_andTheRestStays() {
        template.resourceCountIs("AWS::Events::ApiDestination", 0);
        template.resourceCountIs("AWS::Events::Connection", 0);
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.resourceCountIs("AWS::ApiGatewayV2::Route", 8);
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("Description", "channel marketplace")));
    }
}
