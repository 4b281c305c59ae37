package io.inventorysync.domain.vendor;

import io.inventorysync.domain.ReservationLine;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Shopify webhooks to contract events (contract v1.1, "Vendor adapters"): a pure function of the
 * topic, the payload and the source's {@link VendorConfig.Shopify}. What it cannot know (whether an
 * order committed a hold) is asked through {@code orderCommittedAHold}.
 */
public final class ShopifyMapping {
    /** The note attribute an online order names its checkout hold with. */
    public static final String RESERVATION_ATTRIBUTE = "reservationId";
    public static final String UNMAPPED_LOCATION = "UNMAPPED_LOCATION";
    public static final String UNMAPPED_ITEM = "UNMAPPED_ITEM";
    public static final String UNREADABLE_PAYLOAD = "UNREADABLE_PAYLOAD";

    private ShopifyMapping() {
    }

    /**
     * What a delivery of {@code topic} asks for.
     *
     * @param payload             the parsed body (maps, lists, strings, numbers)
     * @param orderCommittedAHold whether the Shopify order with this id committed a hold here
     */
    public static List<VendorAction> map(String topic, Object payload, VendorConfig.Shopify config,
                                         Predicate<String> orderCommittedAHold) {
        return switch (topic == null ? "" : topic) {
            case "orders/create" -> order(payload, config);
            case "fulfillments/create" -> fulfillment(payload, config, orderCommittedAHold);
            case "refunds/create" -> refund(payload, config, orderCommittedAHold);
            case "inventory_levels/update" -> inventoryLevel(payload);
            default -> List.of(new VendorAction.Ignore("topic " + (topic == null ? "(none)" : topic) + " is not mapped"));
        };
    }

    private static List<VendorAction> order(Object order, VendorConfig.Shopify config) {
        Optional<String> id = Payload.id(order, "id");
        if (id.isEmpty()) {
            return List.of(new VendorAction.Ignore("the order has no id"));
        }
        String eventId = eventId(config, "order", id.get());
        Optional<Instant> at = Payload.time(order, "processed_at").or(() -> Payload.time(order, "created_at"));
        if (at.isEmpty()) {
            return List.of(new VendorAction.Reject(eventId, UNREADABLE_PAYLOAD, null, "no processed_at or created_at"));
        }
        Optional<String> posLocation = Payload.id(order, "location_id");
        if (posLocation.isEmpty()) {
            Optional<String> hold = reservationOf(order);
            if (hold.isPresent()) {
                return List.of(new VendorAction.CommitHold(eventId, id.get(), hold.get()));
            }
        }
        String locationId;
        if (posLocation.isPresent()) {
            Optional<String> mapped = config.location(posLocation.get());
            if (mapped.isEmpty()) {
                return List.of(new VendorAction.Reject(eventId, UNMAPPED_LOCATION, posLocation.get(),
                        "Shopify location " + posLocation.get() + " is not in the source's locations"));
            }
            locationId = mapped.get();
        } else {
            locationId = config.webLocationId();
        }
        Lines lines = lines(Payload.list(order, "line_items"), config, "quantity");
        if (lines.unmapped() != null) {
            return List.of(new VendorAction.Reject(eventId, UNMAPPED_ITEM, null, lines.unmapped()));
        }
        if (lines.bySku().isEmpty()) {
            return List.of(new VendorAction.Ignore("the order has no stocked line items"));
        }
        return List.of(new VendorAction.Submit(List.of(
                event(eventId, "SALE", at.get(), locationId, lines.bySku(), null, "shopify-order/" + id.get()))));
    }

    private static List<VendorAction> fulfillment(Object fulfillment, VendorConfig.Shopify config,
                                                  Predicate<String> orderCommittedAHold) {
        Optional<String> id = Payload.id(fulfillment, "id");
        Optional<String> orderId = Payload.id(fulfillment, "order_id");
        if (id.isEmpty() || orderId.isEmpty()) {
            return List.of(new VendorAction.Ignore("the fulfillment has no id or order_id"));
        }
        if (!"success".equals(Payload.text(fulfillment, "status").orElse(""))) {
            return List.of(new VendorAction.Ignore("the fulfillment's status is not success"));
        }
        if (!orderCommittedAHold.test(orderId.get())) {
            return List.of(new VendorAction.Ignore("order " + orderId.get() + " was a sale: its units left when it was placed"));
        }
        String eventId = eventId(config, "fulfillment", id.get());
        Lines lines = lines(Payload.list(fulfillment, "line_items"), config, "quantity");
        if (lines.unmapped() != null) {
            return List.of(new VendorAction.Reject(eventId, UNMAPPED_ITEM, null, lines.unmapped()));
        }
        List<ReservationLine> held = lines.bySku().entrySet().stream()
                .map(e -> new ReservationLine(e.getKey(), e.getValue())).toList();
        return List.of(new VendorAction.FulfilHold(eventId, orderId.get(), "shopify:" + id.get(), held));
    }

    private static List<VendorAction> refund(Object refund, VendorConfig.Shopify config,
                                             Predicate<String> orderCommittedAHold) {
        Optional<String> id = Payload.id(refund, "id");
        Optional<String> orderId = Payload.id(refund, "order_id");
        if (id.isEmpty() || orderId.isEmpty()) {
            return List.of(new VendorAction.Ignore("the refund has no id or order_id"));
        }
        String eventId = eventId(config, "refund", id.get());
        Optional<Instant> at = Payload.time(refund, "processed_at").or(() -> Payload.time(refund, "created_at"));
        if (at.isEmpty()) {
            return List.of(new VendorAction.Reject(eventId, UNREADABLE_PAYLOAD, null, "no processed_at or created_at"));
        }
        boolean committedHold = orderCommittedAHold.test(orderId.get());
        boolean cancelHold = false;
        // Returned units by vendor location (in order of appearance), then by SKU.
        Map<String, List<Object>> returnsByLocation = new LinkedHashMap<>();
        for (Object item : Payload.list(refund, "refund_line_items")) {
            String restock = Payload.text(item, "restock_type").orElse("no_restock");
            boolean returned = restock.equals("return") || restock.equals("legacy_restock")
                    || (restock.equals("cancel") && !committedHold);
            if (restock.equals("cancel") && committedHold) {
                cancelHold = true;
            } else if (returned) {
                String location = Payload.id(item, "location_id").orElse("");
                returnsByLocation.computeIfAbsent(location, k -> new ArrayList<>()).add(item);
            }
        }
        List<VendorAction> actions = new ArrayList<>();
        if (cancelHold) {
            actions.add(new VendorAction.CancelHold(eventId, orderId.get()));
        }
        List<Map<String, Object>> events = new ArrayList<>();
        boolean several = returnsByLocation.size() > 1;
        for (Map.Entry<String, List<Object>> group : returnsByLocation.entrySet()) {
            String groupEventId = several ? eventId + ":location:" + (group.getKey().isEmpty() ? "web" : group.getKey())
                    : eventId;
            Optional<String> location = group.getKey().isEmpty() ? Optional.of(config.webLocationId())
                    : config.location(group.getKey());
            if (location.isEmpty()) {
                actions.add(new VendorAction.Reject(groupEventId, UNMAPPED_LOCATION, group.getKey(),
                        "Shopify location " + group.getKey() + " is not in the source's locations"));
                continue;
            }
            Lines lines = refundLines(group.getValue(), config);
            if (lines.unmapped() != null) {
                actions.add(new VendorAction.Reject(groupEventId, UNMAPPED_ITEM, null, lines.unmapped()));
            } else if (!lines.bySku().isEmpty()) {
                events.add(event(groupEventId, "RETURN", at.get(), location.get(), lines.bySku(), "RESALABLE",
                        "shopify-refund/" + id.get()));
            }
        }
        if (!events.isEmpty()) {
            actions.add(new VendorAction.Submit(events));
        }
        return actions.isEmpty() ? List.of(new VendorAction.Ignore("the refund restocks nothing")) : actions;
    }

    private static List<VendorAction> inventoryLevel(Object level) {
        Optional<String> item = Payload.id(level, "inventory_item_id");
        Optional<String> location = Payload.id(level, "location_id");
        Optional<Long> available = Payload.wholeNumber(level, "available");
        Optional<Instant> at = Payload.time(level, "updated_at");
        if (item.isEmpty() || location.isEmpty() || available.isEmpty() || at.isEmpty()) {
            return List.of(new VendorAction.Ignore("the inventory level lacks an item, location, available or updated_at"));
        }
        return List.of(new VendorAction.Observe(item.get(), location.get(), available.get(), at.get()));
    }

    /** The hold an online order names in its note attributes, if any. */
    private static Optional<String> reservationOf(Object order) {
        for (Object attribute : Payload.list(order, "note_attributes")) {
            if (RESERVATION_ATTRIBUTE.equals(Payload.text(attribute, "name").orElse(null))) {
                return Payload.text(attribute, "value");
            }
        }
        return Optional.empty();
    }

    /** Units per SKU, merged; {@code unmapped} names the first line no SKU could be found for. */
    private record Lines(Map<String, Long> bySku, String unmapped) {
    }

    private static Lines lines(List<?> lineItems, VendorConfig.Shopify config, String quantityField) {
        Map<String, Long> bySku = new LinkedHashMap<>();
        for (Object line : lineItems) {
            if (Payload.isTrue(line, "gift_card")) {
                continue;
            }
            Optional<String> variant = Payload.id(line, "variant_id");
            Optional<String> sku = skuOf(line, config);
            if (sku.isEmpty()) {
                if (variant.isEmpty()) {
                    continue; // a custom item: no product, no stock
                }
                return new Lines(bySku, "line item with variant " + variant.get() + " has no SKU and is not in the source's items");
            }
            long quantity = Payload.wholeNumber(line, quantityField).orElse(0L);
            if (quantity > 0) {
                bySku.merge(sku.get(), quantity, Long::sum);
            }
        }
        return new Lines(bySku, null);
    }

    private static Lines refundLines(List<Object> refundLineItems, VendorConfig.Shopify config) {
        Map<String, Long> bySku = new LinkedHashMap<>();
        for (Object refundLine : refundLineItems) {
            Object line = Payload.object(refundLine, "line_item");
            Optional<String> sku = skuOf(line, config);
            if (sku.isEmpty()) {
                Optional<String> variant = Payload.id(line, "variant_id");
                if (variant.isEmpty()) {
                    continue;
                }
                return new Lines(bySku, "line item with variant " + variant.get() + " has no SKU and is not in the source's items");
            }
            long quantity = Payload.wholeNumber(refundLine, "quantity").orElse(0L);
            if (quantity > 0) {
                bySku.merge(sku.get(), quantity, Long::sum);
            }
        }
        return new Lines(bySku, null);
    }

    /** The item map first (variant, then inventory item), then the line's own SKU. */
    private static Optional<String> skuOf(Object line, VendorConfig.Shopify config) {
        return Payload.id(line, "variant_id").map(config.items()::get)
                .or(() -> Payload.id(line, "inventory_item_id").map(config.items()::get))
                .or(() -> Payload.text(line, "sku"));
    }

    private static String eventId(VendorConfig.Shopify config, String object, String id) {
        return "shopify:" + config.shopDomain() + ":" + object + ":" + id;
    }

    static Map<String, Object> event(String eventId, String type, Instant at, String locationId, Map<String, Long> bySku,
                                     String condition, String reference) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", eventId);
        event.put("type", type);
        event.put("occurredAt", DateTimeFormatter.ISO_INSTANT.format(at));
        event.put("locationId", locationId);
        List<Map<String, Object>> lines = new ArrayList<>();
        bySku.forEach((sku, quantity) -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", sku);
            line.put("quantity", quantity);
            if (condition != null) {
                line.put("condition", condition);
            }
            lines.add(line);
        });
        event.put("lines", lines);
        if (reference != null) {
            event.put("reference", reference);
        }
        return event;
    }
}
