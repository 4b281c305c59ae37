package io.inventorysync.domain.vendor;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SquareMappingTest {
    private static final VendorConfig.Square SQUARE = new VendorConfig.Square("M1", "https://x/hook",
            "https://connect.squareup.com", "token", "our-app", Map.of("L1", "store-12", "L2", "store-14"),
            Map.of("V1", "BLU-SHIRT-M"));

    private static Map<String, Object> adjustment(String from, String to, Object quantity, String applicationId) {
        Map<String, Object> adjustment = new HashMap<>();
        adjustment.put("id", "A1");
        adjustment.put("from_state", from);
        adjustment.put("to_state", to);
        adjustment.put("location_id", "L1");
        adjustment.put("catalog_object_id", "V1");
        adjustment.put("quantity", quantity);
        adjustment.put("occurred_at", "2026-11-22T18:30:00.000Z");
        adjustment.put("source", Map.of("application_id", applicationId));
        return Map.of("changes", List.of(Map.of("type", "ADJUSTMENT", "adjustment", adjustment)));
    }

    private static Map<String, Object> only(List<VendorAction> actions) {
        assertThat(actions).singleElement().isInstanceOf(VendorAction.Submit.class);
        return ((VendorAction.Submit) actions.getFirst()).events().getFirst();
    }

    @Test
    void adjustments_shouldMapPerTheContractTable() {
        assertThat(only(SquareMapping.map(adjustment("IN_STOCK", "SOLD", "2", "pos"), SQUARE))).containsEntry("type", "SALE");
        for (String from : List.of("SOLD", "RETURNED_BY_CUSTOMER", "UNLINKED_RETURN")) {
            assertThat(only(SquareMapping.map(adjustment(from, "IN_STOCK", "1", "pos"), SQUARE))).containsEntry("type", "RETURN");
        }
        assertThat(only(SquareMapping.map(adjustment("NONE", "IN_STOCK", "5", "pos"), SQUARE))).containsEntry("type", "RECEIPT");
        assertThat(only(SquareMapping.map(adjustment("IN_STOCK", "WASTE", "1", "pos"), SQUARE)))
                .containsEntry("type", "WRITE_OFF").containsEntry("reasonCode", "OTHER");
    }

    @Test
    void ourOwnApplicationsChange_shouldBeSkipped() {
        assertThat(SquareMapping.map(adjustment("NONE", "IN_STOCK", "5", "our-app"), SQUARE))
                .containsExactly(new VendorAction.Ignore(SquareMapping.OUR_OWN_CHANGE));
    }

    @Test
    void nonIntegerQuantity_shouldBeRejected() {
        assertThat(SquareMapping.map(adjustment("IN_STOCK", "SOLD", "0.25", "pos"), SQUARE)).singleElement()
                .isInstanceOfSatisfying(VendorAction.Reject.class,
                        r -> assertThat(r.reason()).isEqualTo("NON_INTEGER_QUANTITY"));
    }

    @Test
    void wholeDecimalQuantity_shouldBeAccepted() {
        assertThat(only(SquareMapping.map(adjustment("IN_STOCK", "SOLD", "3.000", "pos"), SQUARE)).get("lines"))
                .isEqualTo(List.of(Map.of("sku", "BLU-SHIRT-M", "quantity", 3L)));
    }

    @Test
    void unmappedTransition_shouldBeIgnored() {
        assertThat(SquareMapping.map(adjustment("IN_STOCK", "IN_TRANSIT_TO", "1", "pos"), SQUARE))
                .singleElement().isInstanceOf(VendorAction.Ignore.class);
    }

    @Test
    void transfer_shouldBecomeOutAndIn_whenBothLocationsAreMapped() {
        Map<String, Object> transfer = Map.of("id", "T1", "state", "IN_STOCK", "from_location_id", "L1",
                "to_location_id", "L2", "catalog_object_id", "V1", "quantity", "3", "occurred_at", "2026-11-22T18:35:00Z");
        List<VendorAction> actions = SquareMapping.map(Map.of("changes", List.of(Map.of("type", "TRANSFER", "transfer", transfer))), SQUARE);

        List<Map<String, Object>> events = ((VendorAction.Submit) actions.getFirst()).events();
        assertThat(events).extracting(e -> e.get("type")).containsExactly("TRANSFER_OUT", "TRANSFER_IN");
        assertThat(events.get(0)).containsEntry("locationId", "store-12").containsEntry("toLocationId", "store-14");
        assertThat(events.get(1)).containsEntry("locationId", "store-14").containsEntry("fromLocationId", "store-12");
    }

    @Test
    void nextCursor_shouldBeEmptyOnTheLastPage() {
        assertThat(SquareMapping.nextCursor(Map.of("changes", List.of(), "cursor", "C2"))).contains("C2");
        assertThat(SquareMapping.nextCursor(Map.of("changes", List.of()))).isEmpty();
    }
}
