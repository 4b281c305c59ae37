package io.inventorysync.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inventorysync.channels.ChannelsConfig;
import io.inventorysync.channels.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.event.ruler.Machine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each channel rule's {@code EventPattern}, as it stands in the synthesized template, run through
 * aws/event-ruler (EventBridge's matching engine) against envelopes of the {@code events/} samples,
 * with the channels of {@code channels.example.json}.
 */
class ChannelRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Machine machine;
    private static Template template;

    @BeforeAll
    static void loadRulesFromTheTemplate() throws Exception {
        // The documented example: the shipped channels plus the HTTPS marketplace channel.
        template = Stacks.template(Stacks.Variant.PROD_WITH_HTTPS_CHANNEL);
        machine = Machine.builder().build();
        Map<String, Map<String, Object>> rules = template.findResources("AWS::Events::Rule",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("Description",
                        Match.stringLikeRegexp("channel .*"))))));
        // one per channel, plus web-storefront's own ChannelAvailabilityChanged (it has a pool)
        assertThat(rules).hasSize(4);
        for (Map<String, Object> rule : rules.values()) {
            Map<?, ?> props = (Map<?, ?>) rule.get("Properties");
            String channel = props.get("Description").toString().substring("channel ".length()).replaceAll(":.*", "");
            machine.addRule(channel, JSON.writeValueAsString(props.get("EventPattern")));
        }
    }

    @Test
    void rules_shouldRouteEachSampleToExactlyTheChannelsThatAskedForIt() throws Exception {
        // given: every outbound sample, and variants at another location and with another SKU
        Map<String, Set<String>> routed = new TreeMap<>();
        for (String type : List.of("InventoryLevelChanged", "StockWentNegative", "StockDepleted", "ReservationExpired",
                "DriftDetected")) {
            JsonNode detail = JSON.readTree(Files.readString(Path.of(System.getProperty("events.dir"))
                    .resolve("outbound/v1/samples/" + type + ".json")));
            routed.put(type + "@web-dc", route(type, with(detail, "locationId", "web-dc")));
            routed.put(type + "@store-12", route(type, with(detail, "locationId", "store-12")));
            if (detail.has("sku")) {
                routed.put(type + "@web-dc/GRN-CAP", route(type, with(with(detail, "locationId", "web-dc"), "sku", "GRN-CAP")));
            }
        }
        // then
        assertThat(routed).containsEntry("InventoryLevelChanged@web-dc", Set.of("web-storefront", "marketplace", "analytics"))
                .containsEntry("InventoryLevelChanged@store-12", Set.of("marketplace", "analytics"))
                .containsEntry("InventoryLevelChanged@web-dc/GRN-CAP", Set.of("web-storefront", "analytics"))
                .containsEntry("StockDepleted@web-dc", Set.of("web-storefront", "marketplace", "analytics"))
                .containsEntry("StockWentNegative@web-dc", Set.of("analytics"))
                .containsEntry("ReservationExpired@web-dc", Set.of("web-storefront", "analytics"))
                .containsEntry("ReservationExpired@store-12", Set.of("analytics"))
                .containsEntry("DriftDetected@store-12", Set.of("analytics"));
    }

    @Test
    void rules_shouldRouteAChannelsNumberToThatChannelOnly() throws Exception {
        // given: the sample (web-storefront's number), and the same number named for other channels
        JsonNode detail = JSON.readTree(Files.readString(Path.of(System.getProperty("events.dir"))
                .resolve("outbound/v1/samples/ChannelAvailabilityChanged.json")));
        String type = "ChannelAvailabilityChanged";

        // then: only the channel it names, never a channel with no pool, whatever its other filters
        assertThat(route(type, detail)).containsExactly("web-storefront");
        assertThat(route(type, with(detail, "channel", "marketplace"))).isEmpty();
        assertThat(route(type, with(detail, "channel", "analytics"))).isEmpty();
        assertThat(route(type, with(detail, "sku", "GRN-CAP"))).containsExactly("web-storefront");
    }

    @Test
    void httpsChannel_shouldBeAnApiDestinationWithRetriesADlqAndItsCredentialFromTheNamedSecret() throws Exception {
        ChannelsConfig channels = ChannelsConfig.load(Stacks.infraDir().resolve(Stacks.EXAMPLE_CHANNELS));
        Target.Auth auth = channels.channel("marketplace").orElseThrow().target().auth();
        template.resourceCountIs("AWS::Events::ApiDestination", 1);
        template.hasResourceProperties("AWS::Events::Connection", Match.objectLike(Map.of(
                "AuthorizationType", "API_KEY",
                "AuthParameters", Map.of("ApiKeyAuthParameters", Map.of(
                        "ApiKeyName", auth.headerName(),
                        "ApiKeyValue", "{{resolve:secretsmanager:" + auth.secretName() + ":SecretString:::}}")))));
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "Description", "channel marketplace",
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Channelsmarketplace.*"), "Arn")),
                        "DeadLetterConfig", Map.of("Arn", Match.anyValue()),
                        "RetryPolicy", Match.objectLike(Map.of("MaximumRetryAttempts", 24))))))));
    }

    @Test
    void dynamicReferences_shouldEachBeAResourceOfTheStackOrADocumentedPrecondition() throws Exception {
        // given: what a deploy needs to exist beforehand, as the README's deploy checklist names it
        ChannelsConfig channels = ChannelsConfig.load(Stacks.infraDir().resolve(Stacks.EXAMPLE_CHANNELS));
        List<String> channelSecrets = channels.channels().stream().filter(c -> c.target().auth() != null)
                .map(c -> c.target().auth().secretName()).toList();
        String readme = Files.readString(Stacks.repositoryDir().resolve("README.md"));
        Map<String, Map<String, Object>> resources = template.findResources("*");
        // when
        List<DynamicReferences.Reference> references = DynamicReferences.in(template.toJSON());
        // then
        assertThat(references).isNotEmpty().allSatisfy(reference -> {
            assertThat(reference.service()).isEqualTo("secretsmanager");
            if (reference.resourceId() != null) {
                assertThat(resources).as("created by the stack").containsKey(reference.resourceId());
            } else {
                assertThat(channelSecrets).as("a channel's credential, named by its target.auth.secretName")
                        .contains(reference.name());
                assertThat(readme).as("the README's deploy checklist asks for it")
                        .contains("create the HTTPS channel's credential secret");
            }
        });
    }

    @Test
    void rules_shouldIgnoreEventsFromOtherSources() throws Exception {
        // given
        ObjectNode envelope = envelope("InventoryLevelChanged", JSON.readTree(
                "{\"sku\":\"BLU-SHIRT-M\",\"locationId\":\"web-dc\"}"));
        envelope.put("source", "somebody-else");
        // when / then
        assertThat(machine.rulesForJSONEvent(JSON.writeValueAsString(envelope))).isEmpty();
    }

    private static Set<String> route(String type, JsonNode detail) throws Exception {
        return Set.copyOf(machine.rulesForJSONEvent(JSON.writeValueAsString(envelope(type, detail))));
    }

    private static ObjectNode envelope(String type, JsonNode detail) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("version", "0").put("id", "e1").put("detail-type", type).put("source", "inventory")
                .put("account", "123456789012").put("time", "2026-11-22T10:00:00Z").put("region", "eu-west-1")
                .putArray("resources");
        envelope.set("detail", detail);
        return envelope;
    }

    private static JsonNode with(JsonNode detail, String field, String value) {
        ObjectNode copy = detail.deepCopy();
        copy.put(field, value);
        return copy;
    }
}
