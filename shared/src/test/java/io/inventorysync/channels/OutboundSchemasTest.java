package io.inventorysync.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The outbound contract's fixtures agree with its schemas ({@code events/outbound/v1}), and the
 * schemas refuse details that break the contract.
 */
class OutboundSchemasTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<String> DETAIL_TYPES = ChannelsConfig.OUTBOUND_DETAIL_TYPES;

    @ParameterizedTest
    @FieldSource("DETAIL_TYPES")
    void problems_shouldBeEmpty_whenDetailIsTheSampleOfItsType(String detailType) {
        // given
        String sample = ProjectFiles.read(OutboundSchemas.sample(detailType));

        // when
        Set<String> problems = OutboundSchemas.problems(detailType, sample);

        // then
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("DETAIL_TYPES")
    void schemaFile_shouldDeclareItsIdAndSchemaVersion_forEveryDetailType(String detailType) throws Exception {
        // given
        JsonNode schema = MAPPER.readTree(ProjectFiles.read(OutboundSchemas.schemaFile(detailType)));

        // then
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText())
                .isEqualTo(OutboundSchemas.BASE_URI + "outbound/v1/" + detailType + ".schema.json");
        assertThat(schema.path("required")).extracting(JsonNode::asText).contains("schemaVersion");
        assertThat(MAPPER.readTree(ProjectFiles.read(OutboundSchemas.sample(detailType))).path("schemaVersion").asText())
                .isEqualTo("1");
    }

    @Test
    void problems_shouldBeEmpty_whenDetailIsTheEnvelopeSamplesDetail() throws Exception {
        // given
        JsonNode envelope = MAPPER.readTree(ProjectFiles.read(
                ProjectFiles.eventsDir().resolve("outbound/v1/samples/envelope-InventoryLevelChanged.json")));

        // when
        Set<String> problems = OutboundSchemas.problems(envelope.path("detail-type").asText(), envelope.path("detail"));

        // then
        assertThat(problems).isEmpty();
        assertThat(envelope.path("source").asText()).isEqualTo(ChannelsConfig.SOURCE);
        assertThat(envelope.path("detail-type").asText()).isEqualTo("InventoryLevelChanged");
        assertThat(envelope.path("resources").isArray()).isTrue();
        assertThat(envelope.path("resources")).isEmpty();
        for (String member : List.of("version", "id", "account", "time", "region")) {
            assertThat(envelope.path(member).isTextual()).as(member).isTrue();
        }
        assertThat(envelope.path("detail"))
                .isEqualTo(MAPPER.readTree(ProjectFiles.read(OutboundSchemas.sample("InventoryLevelChanged"))));
    }

    static Stream<Arguments> validVariations() {
        return Stream.of(
                arguments("a new record: previous is null", "InventoryLevelChanged",
                        change(d -> d.putNull("previous").put("version", 1))),
                arguments("a cause without reference", "InventoryLevelChanged",
                        change(d -> ((ObjectNode) d.get("cause")).putNull("reference"))),
                arguments("oversold: onHand below zero, available zero", "InventoryLevelChanged",
                        change(d -> d.put("onHand", -3).put("available", 0))),
                arguments("published before v1.1: no committed and quarantine", "InventoryLevelChanged",
                        change(d -> {
                            d.remove(List.of("committed", "quarantine"));
                            ((ObjectNode) d.get("previous")).remove(List.of("committed", "quarantine"));
                        })),
                arguments("a deferred commitment: committed held back from available", "InventoryLevelChanged",
                        change(d -> d.put("committed", 3).put("available", 15)
                                .set("cause", MAPPER.createObjectNode().put("type", "RESERVATION_COMMITTED")
                                        .put("sourceId", "shop-web").put("eventId", "chk-9f2").putNull("reference")))),
                arguments("v1.1 cause types", "InventoryLevelChanged",
                        change(d -> ((ObjectNode) d.get("cause")).put("type", "WRITE_OFF"))),
                arguments("a member this version does not know", "InventoryLevelChanged",
                        change(d -> d.put("channelHint", "restock"))),
                arguments("depleted with nothing left on hand", "StockDepleted",
                        change(d -> d.put("onHand", 0).put("reserved", 0))),
                arguments("drift against a record the master never saw", "DriftDetected",
                        change(d -> ((ObjectNode) d.get("master")).put("onHand", 0).put("available", 0).put("version", 0))),
                arguments("drift of a channel's number seen in a vendor's shop (v1.1 echo rule)", "DriftDetected",
                        change(d -> {
                            d.put("locationId", "channel:web-storefront").put("channel", "web-storefront")
                                    .put("measure", "CHANNEL_AVAILABLE").put("observedAt", "2026-11-21T21:59:00Z")
                                    .put("driftId", "shopify:acme.myshopify.com:level:808950810:655441491:7");
                            d.remove("snapshotId");
                            d.remove("asOf");
                            d.putArray("recentLedger");
                        })));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVariations")
    void problems_shouldBeEmpty_whenDetailVariesWithinTheContract(String what, String detailType,
                                                                 Consumer<ObjectNode> change) throws Exception {
        // given
        String detail = changed(detailType, change);

        // when
        Set<String> problems = OutboundSchemas.problems(detailType, detail);

        // then
        assertThat(problems).as(what).isEmpty();
    }

    static Stream<Arguments> brokenDetails() {
        return Stream.of(
                arguments("negative available", "InventoryLevelChanged",
                        change(d -> d.put("available", -1)), "/available"),
                arguments("missing version", "InventoryLevelChanged",
                        change(d -> d.remove("version")), "version"),
                arguments("version 0", "InventoryLevelChanged",
                        change(d -> d.put("version", 0)), "/version"),
                arguments("missing previous (null is how a new record says it)", "InventoryLevelChanged",
                        change(d -> d.remove("previous")), "previous"),
                arguments("counter as a decimal", "InventoryLevelChanged",
                        change(d -> d.put("onHand", 17.5)), "/onHand"),
                arguments("counter as a string", "InventoryLevelChanged",
                        change(d -> d.put("reserved", "0")), "/reserved"),
                arguments("negative committed", "InventoryLevelChanged",
                        change(d -> d.put("committed", -1)), "/committed"),
                arguments("quarantine as a string", "InventoryLevelChanged",
                        change(d -> d.put("quarantine", "2")), "/quarantine"),
                arguments("negative previous committed", "InventoryLevelChanged",
                        change(d -> ((ObjectNode) d.get("previous")).put("committed", -2)), "/previous"),
                arguments("cause type outside the contract", "InventoryLevelChanged",
                        change(d -> ((ObjectNode) d.get("cause")).put("type", "THEFT")), "/cause/type"),
                arguments("cause without sourceId", "InventoryLevelChanged",
                        change(d -> ((ObjectNode) d.get("cause")).remove("sourceId")), "sourceId"),
                arguments("occurredAt not RFC 3339", "InventoryLevelChanged",
                        change(d -> d.put("occurredAt", "21/11/2026 10:15")), "/occurredAt"),
                arguments("schemaVersion 2", "InventoryLevelChanged",
                        change(d -> d.put("schemaVersion", "2")), "/schemaVersion"),
                arguments("schemaVersion as a number", "InventoryLevelChanged",
                        change(d -> d.put("schemaVersion", 1)), "/schemaVersion"),
                arguments("sku with a space", "InventoryLevelChanged",
                        change(d -> d.put("sku", "BLU SHIRT M")), "/sku"),
                arguments("went negative with onHand 0", "StockWentNegative",
                        change(d -> d.put("onHand", 0)), "/onHand"),
                arguments("went negative without cause", "StockWentNegative",
                        change(d -> d.remove("cause")), "cause"),
                arguments("depleted with available 1", "StockDepleted",
                        change(d -> d.put("available", 1)), "/available"),
                arguments("expired reservation without lines", "ReservationExpired",
                        change(d -> d.putArray("lines")), "/lines"),
                arguments("expired reservation line of quantity 0", "ReservationExpired",
                        change(d -> ((ObjectNode) d.get("lines").get(0)).put("quantity", 0)), "/lines/0/quantity"),
                arguments("expired reservation without expiresAt", "ReservationExpired",
                        change(d -> d.remove("expiresAt")), "expiresAt"),
                arguments("drift without master", "DriftDetected",
                        change(d -> d.remove("master")), "master"),
                arguments("drift with a ledger outcome outside the contract", "DriftDetected",
                        change(d -> ((ObjectNode) d.get("recentLedger").get(0)).put("outcome", "LOST")),
                        "/recentLedger/0/outcome"),
                arguments("drift with a negative threshold", "DriftDetected",
                        change(d -> d.put("threshold", -1)), "/threshold"),
                arguments("drift of a measure outside the contract", "DriftDetected",
                        change(d -> d.put("measure", "AVAILABLE")), "/measure"),
                arguments("drift whose corrected is not a boolean", "DriftDetected",
                        change(d -> d.put("corrected", "yes")), "/corrected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDetails")
    void problems_shouldNameTheMember_whenDetailBreaksTheContract(String what, String detailType,
                                                                 Consumer<ObjectNode> change, String member)
            throws Exception {
        // given
        String detail = changed(detailType, change);

        // when
        Set<String> problems = OutboundSchemas.problems(detailType, detail);

        // then
        assertThat(problems).as(what).isNotEmpty().anyMatch(p -> p.contains(member));
    }

    @Test
    void problems_shouldReportInvalidJson_whenDetailIsNotJson() {
        // when
        Set<String> problems = OutboundSchemas.problems("InventoryLevelChanged", "{\"sku\": ");

        // then
        assertThat(problems).singleElement().asString().startsWith("not valid JSON");
    }

    @Test
    void problems_shouldRefuse_whenDetailTypeIsNotOutbound() {
        // when / then
        assertThatThrownBy(() -> OutboundSchemas.problems("InventoryLevelSnapshot", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("InventoryLevelSnapshot");
    }

    private static Consumer<ObjectNode> change(Consumer<ObjectNode> change) {
        return change;
    }

    private static String changed(String detailType, Consumer<ObjectNode> change) throws Exception {
        Path sample = OutboundSchemas.sample(detailType);
        ObjectNode detail = (ObjectNode) MAPPER.readTree(ProjectFiles.read(sample));
        change.accept(detail);
        return MAPPER.writeValueAsString(detail);
    }
}
