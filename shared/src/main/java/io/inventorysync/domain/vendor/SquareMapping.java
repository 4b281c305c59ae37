package io.inventorysync.domain.vendor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Square inventory changes (a page of {@code BatchRetrieveInventoryChanges}) to contract events
 * (contract v1.1, "Vendor adapters"): a pure function of the page and the source's
 * {@link VendorConfig.Square}.
 */
public final class SquareMapping {
    public static final String NON_INTEGER_QUANTITY = "NON_INTEGER_QUANTITY";
    public static final String OUR_OWN_CHANGE = "our own application's change (echo)";

    /**
     * Why a notification is not acted on: it names another merchant than the source's
     * {@code merchantId} (a Square application's subscription delivers every authorizing seller's
     * notifications, so a shared app or a mis-routed URL sends them here).
     */
    public static final String OTHER_MERCHANT = "OTHER_MERCHANT";

    private SquareMapping() {
    }

    /**
     * True when a notification ({@code {"merchant_id", "type", ...}}) is for the account's merchant.
     * One without a {@code merchant_id} is not: it cannot be told to be this seller's.
     */
    public static boolean isForMerchant(Object notification, VendorConfig.Square config) {
        return Payload.text(notification, "merchant_id").filter(config.merchantId()::equals).isPresent();
    }

    /** What a page of changes ({@code {"changes": [...], "cursor"?}}) asks for, change by change, in order. */
    public static List<VendorAction> map(Object page, VendorConfig.Square config) {
        List<VendorAction> actions = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (Object change : Payload.list(page, "changes")) {
            String type = Payload.text(change, "type").orElse("");
            switch (type) {
                case "ADJUSTMENT" -> adjustment(Payload.object(change, "adjustment"), config, events, actions);
                case "PHYSICAL_COUNT" -> count(Payload.object(change, "physical_count"), config, events, actions);
                case "TRANSFER" -> transfer(Payload.object(change, "transfer"), config, events, actions);
                default -> actions.add(new VendorAction.Ignore("change type " + type + " is not mapped"));
            }
        }
        if (!events.isEmpty()) {
            actions.add(0, new VendorAction.Submit(events));
        }
        return actions;
    }

    /** The page's cursor for the next page; empty on the last page. */
    public static Optional<String> nextCursor(Object page) {
        return Payload.text(page, "cursor");
    }

    private static void adjustment(Map<?, ?> adjustment, VendorConfig.Square config,
                                   List<Map<String, Object>> events, List<VendorAction> actions) {
        Optional<String> id = Payload.id(adjustment, "id");
        if (id.isEmpty()) {
            actions.add(new VendorAction.Ignore("an adjustment without an id"));
            return;
        }
        if (isOurs(adjustment, config)) {
            actions.add(new VendorAction.Ignore(OUR_OWN_CHANGE));
            return;
        }
        String from = Payload.text(adjustment, "from_state").orElse("");
        String to = Payload.text(adjustment, "to_state").orElse("");
        String type;
        if (from.equals("IN_STOCK") && to.equals("SOLD")) {
            type = "SALE";
        } else if (to.equals("IN_STOCK") && (from.equals("SOLD") || from.equals("RETURNED_BY_CUSTOMER")
                || from.equals("UNLINKED_RETURN"))) {
            type = "RETURN";
        } else if (from.equals("NONE") && to.equals("IN_STOCK")) {
            type = "RECEIPT";
        } else if (from.equals("IN_STOCK") && to.equals("WASTE")) {
            type = "WRITE_OFF";
        } else {
            actions.add(new VendorAction.Ignore("adjustment " + from + "->" + to + " is not mapped"));
            return;
        }
        String eventId = "square:" + config.merchantId() + ":adj:" + id.get();
        Optional<Event> event = common(eventId, adjustment, "location_id", config, actions);
        event.ifPresent(e -> {
            Map<String, Object> json = e.json(type);
            Map<String, Object> line = firstLine(json);
            if (type.equals("RETURN")) {
                line.put("condition", "RESALABLE");
            } else if (type.equals("WRITE_OFF")) {
                line.put("from", "ON_HAND");
                json.put("reasonCode", "OTHER");
            }
            events.add(json);
        });
    }

    private static void count(Map<?, ?> count, VendorConfig.Square config,
                              List<Map<String, Object>> events, List<VendorAction> actions) {
        Optional<String> id = Payload.id(count, "id");
        if (id.isEmpty()) {
            actions.add(new VendorAction.Ignore("a physical count without an id"));
            return;
        }
        if (isOurs(count, config)) {
            actions.add(new VendorAction.Ignore(OUR_OWN_CHANGE));
            return;
        }
        if (!"IN_STOCK".equals(Payload.text(count, "state").orElse(""))) {
            actions.add(new VendorAction.Ignore("a physical count of a state other than IN_STOCK"));
            return;
        }
        String eventId = "square:" + config.merchantId() + ":count:" + id.get();
        common(eventId, count, "location_id", config, actions).ifPresent(e -> events.add(e.json("COUNT")));
    }

    private static void transfer(Map<?, ?> transfer, VendorConfig.Square config,
                                 List<Map<String, Object>> events, List<VendorAction> actions) {
        Optional<String> id = Payload.id(transfer, "id");
        if (id.isEmpty()) {
            actions.add(new VendorAction.Ignore("a transfer without an id"));
            return;
        }
        if (isOurs(transfer, config)) {
            actions.add(new VendorAction.Ignore(OUR_OWN_CHANGE));
            return;
        }
        String base = "square:" + config.merchantId() + ":transfer:" + id.get();
        Optional<Event> out = common(base + ":out", transfer, "from_location_id", config, actions);
        Optional<Event> in = out.isEmpty() ? Optional.empty()
                : common(base + ":in", transfer, "to_location_id", config, actions);
        if (out.isPresent() && in.isPresent()) {
            Map<String, Object> outJson = out.get().json("TRANSFER_OUT");
            outJson.put("toLocationId", in.get().locationId());
            Map<String, Object> inJson = in.get().json("TRANSFER_IN");
            inJson.put("fromLocationId", out.get().locationId());
            events.add(outJson);
            events.add(inJson);
        }
    }

    /** What every change has: a whole quantity, a mapped location, an item, a time. */
    private record Event(String eventId, String locationId, String sku, long quantity, Instant occurredAt,
                         String squareId) {
        Map<String, Object> json(String type) {
            return ShopifyMapping.event(eventId, type, occurredAt, locationId, new LinkedHashMap<>(Map.of(sku, quantity)),
                    null, "square/" + squareId);
        }
    }

    private static Optional<Event> common(String eventId, Map<?, ?> change, String locationField,
                                          VendorConfig.Square config, List<VendorAction> actions) {
        Optional<Long> quantity = Payload.wholeNumber(change, "quantity");
        if (quantity.isEmpty()) {
            actions.add(new VendorAction.Reject(eventId, NON_INTEGER_QUANTITY, null,
                    "quantity " + change.get("quantity") + " is not a whole number of units"));
            return Optional.empty();
        }
        String vendorLocation = Payload.id(change, locationField).orElse("");
        Optional<String> location = config.location(vendorLocation);
        if (location.isEmpty()) {
            actions.add(new VendorAction.Reject(eventId, ShopifyMapping.UNMAPPED_LOCATION, vendorLocation,
                    "Square location " + vendorLocation + " is not in the source's locations"));
            return Optional.empty();
        }
        Optional<String> item = Payload.id(change, "catalog_object_id");
        Optional<Instant> at = Payload.time(change, "occurred_at").or(() -> Payload.time(change, "created_at"));
        if (item.isEmpty() || at.isEmpty()) {
            actions.add(new VendorAction.Reject(eventId, ShopifyMapping.UNREADABLE_PAYLOAD, vendorLocation,
                    "no catalog_object_id or occurred_at"));
            return Optional.empty();
        }
        String sku = config.items().getOrDefault(item.get(), item.get());
        return Optional.of(new Event(eventId, location.get(), sku, quantity.get(), at.get(),
                Payload.id(change, "id").orElse("")));
    }

    private static boolean isOurs(Map<?, ?> change, VendorConfig.Square config) {
        return config.applicationId().equals(Payload.text(Payload.object(change, "source"), "application_id").orElse(null));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstLine(Map<String, Object> event) {
        return ((List<Map<String, Object>>) event.get("lines")).get(0);
    }
}
