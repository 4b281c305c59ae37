package io.inventorysync.domain.vendor;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ShopifyMappingTest {
    private static final VendorConfig.Shopify SHOP = new VendorConfig.Shopify("acme.myshopify.com", "web-dc",
            Map.of("100", "store-12"), Map.of("9223372036854775807", "BLU-SHIRT-M", "555", "RED-SCARF"));

    private static Map<String, Object> order(Object locationId, List<?> noteAttributes, List<?> lines) {
        Map<String, Object> order = new HashMap<>();
        order.put("id", 5940139491234L);
        order.put("processed_at", "2026-11-22T10:15:00-05:00");
        order.put("location_id", locationId);
        order.put("note_attributes", noteAttributes);
        order.put("line_items", lines);
        return order;
    }

    private static Map<String, Object> line(Object variantId, String sku, int quantity) {
        Map<String, Object> line = new HashMap<>();
        line.put("variant_id", variantId);
        line.put("sku", sku);
        line.put("quantity", quantity);
        return line;
    }

    @Test
    void posOrder_shouldSellAtTheMappedLocation_whenLocationIdIsSet() {
        List<VendorAction> actions = ShopifyMapping.map("orders/create",
                order(100, List.of(), List.of(line(555L, "X", 2))), SHOP, id -> false);

        assertThat(actions).singleElement().isInstanceOfSatisfying(VendorAction.Submit.class, s -> {
            assertThat(s.events()).singleElement().satisfies(e -> {
                assertThat(e).containsEntry("type", "SALE").containsEntry("locationId", "store-12")
                        .containsEntry("eventId", "shopify:acme.myshopify.com:order:5940139491234")
                        .containsEntry("occurredAt", "2026-11-22T15:15:00Z");
                assertThat(e.get("lines")).isEqualTo(List.of(Map.of("sku", "RED-SCARF", "quantity", 2L)));
            });
        });
    }

    @Test
    void onlineOrder_shouldSellAtTheWebLocation_whenLocationIdIsNull() {
        List<VendorAction> actions = ShopifyMapping.map("orders/create",
                order(null, List.of(Map.of("name", "gift", "value", "yes")), List.of(line(1L, "OWN-SKU", 1))),
                SHOP, id -> false);

        VendorAction.Submit submit = (VendorAction.Submit) actions.getFirst();
        assertThat(submit.events().getFirst()).containsEntry("locationId", "web-dc");
        assertThat(submit.events().getFirst().get("lines")).isEqualTo(List.of(Map.of("sku", "OWN-SKU", "quantity", 1L)));
    }

    @Test
    void onlineOrder_shouldCommitTheHold_whenNoteAttributesNameAReservation() {
        List<VendorAction> actions = ShopifyMapping.map("orders/create",
                order(null, List.of(Map.of("name", "reservationId", "value", "chk-9f2")), List.of(line(555L, null, 1))),
                SHOP, id -> false);

        assertThat(actions).containsExactly(new VendorAction.CommitHold(
                "shopify:acme.myshopify.com:order:5940139491234", "5940139491234", "chk-9f2"));
    }

    @Test
    void posOrder_shouldSellAndIgnoreTheAttribute_whenItNamesAReservation() {
        List<VendorAction> actions = ShopifyMapping.map("orders/create",
                order(100, List.of(Map.of("name", "reservationId", "value", "chk-9f2")), List.of(line(555L, null, 1))),
                SHOP, id -> false);

        assertThat(actions).singleElement().isInstanceOf(VendorAction.Submit.class);
    }

    @Test
    void posOrder_shouldBeRejectedUnmappedLocation_whenItsLocationIsNotMapped() {
        List<VendorAction> actions = ShopifyMapping.map("orders/create",
                order(999, List.of(), List.of(line(555L, null, 1))), SHOP, id -> false);

        assertThat(actions).singleElement().isInstanceOfSatisfying(VendorAction.Reject.class, r -> {
            assertThat(r.reason()).isEqualTo("UNMAPPED_LOCATION");
            assertThat(r.vendorLocationId()).isEqualTo("999");
        });
    }

    @Test
    void ids_shouldBeReadAs64BitIntegers_whenTheyPass2To53() {
        Map<String, Object> order = order(100, List.of(), List.of(line(Long.MAX_VALUE, null, 1)));
        order.put("id", new BigInteger("18446744073709551615"));

        VendorAction.Submit submit = (VendorAction.Submit) ShopifyMapping.map("orders/create", order, SHOP, id -> false).getFirst();

        assertThat(submit.events().getFirst()).containsEntry("eventId",
                "shopify:acme.myshopify.com:order:18446744073709551615");
        assertThat(submit.events().getFirst().get("lines")).isEqualTo(List.of(Map.of("sku", "BLU-SHIRT-M", "quantity", 1L)));
    }

    @Test
    void order_shouldBeRejectedUnmappedItem_whenAVariantHasNoSkuAndNoMapping() {
        List<VendorAction> actions = ShopifyMapping.map("orders/create",
                order(100, List.of(), List.of(line(777L, "", 1))), SHOP, id -> false);

        assertThat(actions).singleElement().isInstanceOfSatisfying(VendorAction.Reject.class,
                r -> assertThat(r.reason()).isEqualTo("UNMAPPED_ITEM"));
    }

    private static Map<String, Object> refund(String restockType, Object locationId) {
        Map<String, Object> refundLine = new HashMap<>();
        refundLine.put("quantity", 1);
        refundLine.put("restock_type", restockType);
        refundLine.put("location_id", locationId);
        refundLine.put("line_item", Map.of("variant_id", 555L, "sku", "x"));
        return Map.of("id", 929361464L, "order_id", 77L, "processed_at", "2026-11-24T10:00:00Z",
                "refund_line_items", List.of(refundLine));
    }

    @Test
    void refund_shouldReturnResalable_whenRestockTypeIsReturnOrLegacyRestock() {
        for (String type : List.of("return", "legacy_restock")) {
            VendorAction.Submit submit = (VendorAction.Submit) ShopifyMapping.map("refunds/create", refund(type, 100),
                    SHOP, id -> false).getFirst();
            assertThat(submit.events().getFirst()).containsEntry("type", "RETURN").containsEntry("locationId", "store-12");
            assertThat(submit.events().getFirst().get("lines"))
                    .isEqualTo(List.of(Map.of("sku", "RED-SCARF", "quantity", 1L, "condition", "RESALABLE")));
        }
    }

    @Test
    void refund_shouldDoNothing_whenRestockTypeIsNoRestock() {
        assertThat(ShopifyMapping.map("refunds/create", refund("no_restock", null), SHOP, id -> true))
                .containsExactly(new VendorAction.Ignore("the refund restocks nothing"));
    }

    @Test
    void refundCancel_shouldCancelTheCommitment_whenTheOrderCommittedAHold() {
        assertThat(ShopifyMapping.map("refunds/create", refund("cancel", 100), SHOP, Set.of("77")::contains))
                .containsExactly(new VendorAction.CancelHold("shopify:acme.myshopify.com:refund:929361464", "77"));
    }

    @Test
    void refundCancel_shouldReturn_whenTheOrderWasASale() {
        VendorAction.Submit submit = (VendorAction.Submit) ShopifyMapping.map("refunds/create", refund("cancel", 100),
                SHOP, id -> false).getFirst();
        assertThat(submit.events().getFirst()).containsEntry("type", "RETURN");
    }

    @Test
    void refund_shouldBeRejectedUnmappedLocation_whenItsLocationIsNotMapped() {
        assertThat(ShopifyMapping.map("refunds/create", refund("return", 31337), SHOP, id -> false))
                .singleElement().isInstanceOfSatisfying(VendorAction.Reject.class,
                        r -> assertThat(r.reason()).isEqualTo("UNMAPPED_LOCATION"));
    }

    @Test
    void fulfillment_shouldBeIgnored_whenItsStatusIsNotSuccess() {
        Map<String, Object> fulfillment = Map.of("id", 1L, "order_id", 77L, "status", "pending",
                "line_items", List.of(line(555L, null, 1)));

        assertThat(ShopifyMapping.map("fulfillments/create", fulfillment, SHOP, id -> true))
                .singleElement().isInstanceOf(VendorAction.Ignore.class);
    }

    @Test
    void inventoryLevel_shouldBeAnObservationNeverAMovement() {
        assertThat(ShopifyMapping.map("inventory_levels/update", Map.of("inventory_item_id", 9007199254740993L,
                "location_id", 100, "available", 6, "updated_at", "2026-11-22T10:16:00Z"), SHOP, id -> false))
                .singleElement().isInstanceOfSatisfying(VendorAction.Observe.class, o -> {
                    assertThat(o.vendorItemId()).isEqualTo("9007199254740993");
                    assertThat(o.available()).isEqualTo(6);
                });
    }

    @Test
    void unknownTopic_shouldBeIgnored() {
        assertThat(ShopifyMapping.map("carts/update", Map.of(), SHOP, id -> false))
                .containsExactly(new VendorAction.Ignore("topic carts/update is not mapped"));
    }
}
