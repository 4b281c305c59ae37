package io.inventorysync.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * aws/event-ruler (EventBridge's matching engine) against envelopes of the {@code events/} samples.
 */
class ChannelRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Machine machine;

    @BeforeAll
    static void loadRulesFromTheTemplate() throws Exception {
        Template template = Template.fromStack(Stacks.synthesize(StackSettings.Stage.PROD));
        machine = Machine.builder().build();
        Map<String, Map<String, Object>> rules = template.findResources("AWS::Events::Rule",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("Description",
                        Match.stringLikeRegexp("channel .*"))))));
        assertThat(rules).hasSize(3);
        for (Map<String, Object> rule : rules.values()) {
            Map<?, ?> props = (Map<?, ?>) rule.get("Properties");
            String channel = props.get("Description").toString().substring("channel ".length());
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
