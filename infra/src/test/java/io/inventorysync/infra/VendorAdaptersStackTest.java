package io.inventorysync.infra;

import io.inventorysync.settings.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vendor adapters in the template: the adapter routes and their function, the scheduled Square
 * pull, and a Shopify channel's connector on its queue (with the queue's redrive to a consumer DLQ).
 * The channels file is a test one with a Shopify channel: the shipped files have none.
 */
class VendorAdaptersStackTest {
    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Stacks.template(Stacks.Variant.PROD_WITH_SHOPIFY_CHANNEL);
    }

    @Test
    void adapterRoutes_shouldReachTheAdapterFunction_withoutAnIamAuthorizer() {
        for (String route : List.of("POST /v1/sources/{sourceId}/adapters/shopify",
                "POST /v1/sources/{sourceId}/adapters/square")) {
            template.hasResourceProperties("AWS::ApiGatewayV2::Route", Match.objectLike(Map.of(
                    "RouteKey", route, "AuthorizationType", "NONE")));
        }
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.inventorysync.functions.VendorAdapterFunction::handleRequest")));
    }

    @Test
    void squarePull_shouldRunOnASchedule() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "rate(" + Settings.SQUARE_PULL_INTERVAL.toMinutes() + " minutes)")));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.inventorysync.functions.SquarePullFunction::handleRequest")));
    }

    @Test
    void shopifyConnector_shouldReadItsChannelsQueue_reportingBatchItemFailures() {
        Capture environment = new Capture();
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.inventorysync.functions.ShopifyConnectorFunction::handleRequest",
                "Timeout", (int) Settings.CONNECTOR_TIMEOUT.toSeconds(),
                "Environment", Map.of("Variables", environment))));
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) environment.asObject();
        assertThat(variables).containsEntry(Settings.CHANNEL_NAME, "shopify-web");
        assertThat((String) variables.get(Settings.CHANNEL_TARGET)).contains("\"shopDomain\":\"acme-outfitters.myshopify.com\"")
                .contains("gid://shopify/Location/48752904");
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "BatchSize", Settings.CONNECTOR_BATCH_SIZE,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"))));
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 5)))));
    }

    @Test
    void shopifyConnector_shouldReadOnlyItsShopsTokenAndItsOwnTableItems() {
        List<Map<?, ?>> statements = template.findResources("AWS::IAM::Policy").values().stream()
                .flatMap(p -> ((List<?>) ((Map<?, ?>) ((Map<?, ?>) p.get("Properties")).get("PolicyDocument"))
                        .get("Statement")).stream()).<Map<?, ?>>map(st -> (Map<?, ?>) st).toList();
        assertThat(statements).anySatisfy(st -> {
            assertThat(st.get("Action")).isEqualTo("secretsmanager:GetSecretValue");
            assertThat(String.valueOf(st.get("Resource"))).endsWith(":secret:inventory-sync/vendors/shopify-web/token-??????]]}");
        });
        assertThat(statements).anySatisfy(st -> assertThat(st.get("Action")).isEqualTo(InventorySyncStack.CONNECTOR_TABLE_ACTIONS));
    }

    @Test
    void vendorFunctions_shouldDeployTheirOwnJars() {
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");
        long vendorFunctions = functions.values().stream().map(f -> ((Map<?, ?>) f.get("Properties")).get("Handler"))
                .filter(h -> String.valueOf(h).matches(".*(VendorAdapter|SquarePull|ShopifyConnector)Function.*")).count();
        assertThat(vendorFunctions).isEqualTo(3);
    }
}
