package io.inventorysync.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inventorysync.domain.EventValidator;
import io.inventorysync.domain.Validated;
import io.inventorysync.domain.vendor.ShopifyMapping;
import io.inventorysync.domain.vendor.SquareMapping;
import io.inventorysync.domain.vendor.VendorAction;
import io.inventorysync.domain.vendor.VendorConfig;
import io.inventorysync.testing.Samples;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every vendor sample in {@code events/vendors/} through its adapter's mapping, to its golden file. */
class VendorSamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventValidator VALIDATOR =
            new EventValidator(Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC));

    @TestFactory
    Stream<DynamicTest> shopifySamples_shouldBecomeTheirGoldenFiles() {
        Path root = Samples.eventsDir().resolve("vendors/shopify");
        Map<String, Object> source = read(root.resolve("source.json"));
        VendorConfig.Shopify config = (VendorConfig.Shopify) valid(VendorConfig.parse(source.get("vendor"), "vendor"));
        Set<String> held = new HashSet<>(strings(source.get("ordersThatCommittedAHold")));
        return samples(root).stream().map(sample -> DynamicTest.dynamicTest(root.relativize(sample).toString(), () -> {
            String topic = sample.getParent().getFileName().toString().replaceFirst("-", "/");
            List<VendorAction> actions = ShopifyMapping.map(topic, read(sample), config, held::contains);
            assertGolden(sample, actions);
        }));
    }

    @TestFactory
    Stream<DynamicTest> squareSamples_shouldBecomeTheirGoldenFiles() {
        Path root = Samples.eventsDir().resolve("vendors/square");
        Map<String, Object> source = read(root.resolve("source.json"));
        VendorConfig.Square config = (VendorConfig.Square) valid(VendorConfig.parse(source.get("vendor"), "vendor"));
        return samples(root.resolve("batch-retrieve-inventory-changes")).stream()
                .map(sample -> DynamicTest.dynamicTest(sample.getFileName().toString(),
                        () -> assertGolden(sample, SquareMapping.map(read(sample), config))));
    }

    private static void assertGolden(Path sample, List<VendorAction> actions) throws IOException {
        Path golden = sample.resolveSibling(sample.getFileName().toString().replace(".json", ".golden.json"));
        assertThat(golden).as("golden file beside " + sample).exists();
        JsonNode expected = JSON.readTree(golden.toFile());
        // Through text, so numbers compare by value (an int read back equals the long written).
        assertThat(JSON.readTree(JSON.writeValueAsString(asGolden(actions)))).isEqualTo(expected);
        for (JsonNode event : expected.path("events")) {
            Validated<?> result = VALIDATOR.validate(JSON.convertValue(event, Map.class), "");
            assertThat(result).as("golden event " + event.path("eventId") + " is a valid contract event")
                    .isInstanceOf(Validated.Valid.class);
        }
    }

    /** The actions in the golden files' shape: events, rejected, holds, observations, ignored. */
    static ObjectNode asGolden(List<VendorAction> actions) {
        ObjectNode golden = JSON.createObjectNode();
        for (VendorAction action : actions) {
            switch (action) {
                case VendorAction.Submit s -> s.events().forEach(e -> array(golden, "events").add(JSON.valueToTree(e)));
                case VendorAction.Reject r -> {
                    ObjectNode node = array(golden, "rejected").addObject().put("eventId", r.eventId())
                            .put("reason", r.reason());
                    if (r.vendorLocationId() != null) {
                        node.put("vendorLocationId", r.vendorLocationId());
                    }
                }
                case VendorAction.CommitHold c -> array(golden, "holds").addObject().put("action", "COMMIT_DEFERRED")
                        .put("eventId", c.eventId()).put("orderId", c.orderId()).put("reservationId", c.reservationId());
                case VendorAction.FulfilHold f -> {
                    ObjectNode node = array(golden, "holds").addObject().put("action", "FULFIL")
                            .put("eventId", f.eventId()).put("orderId", f.orderId()).put("fulfilmentId", f.fulfilmentId());
                    ArrayNode lines = node.putArray("lines");
                    f.lines().forEach(l -> lines.addObject().put("sku", l.sku()).put("quantity", l.quantity()));
                }
                case VendorAction.CancelHold c -> array(golden, "holds").addObject().put("action", "CANCEL")
                        .put("eventId", c.eventId()).put("orderId", c.orderId());
                case VendorAction.Observe o -> array(golden, "observations").addObject()
                        .put("vendorItemId", o.vendorItemId()).put("vendorLocationId", o.vendorLocationId())
                        .put("available", o.available()).put("observedAt", o.observedAt().toString());
                case VendorAction.Ignore i -> array(golden, "ignored").add(i.why());
            }
        }
        return golden;
    }

    private static ArrayNode array(ObjectNode node, String field) {
        return node.has(field) ? (ArrayNode) node.get(field) : node.putArray(field);
    }

    private static List<Path> samples(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".golden.json")
                    && !p.getFileName().toString().equals("source.json") && !p.getParent().endsWith("webhooks"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path path) {
        try {
            return JSON.readValue(path.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(Object raw) {
        return ((List<?>) raw).stream().map(String::valueOf).toList();
    }

    private static VendorConfig valid(Validated<VendorConfig> result) {
        assertThat(result).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid<VendorConfig>) result).value();
    }
}
