package io.inventorysync.domain;

import java.util.ArrayList;
import java.util.List;

/** Splits events into the movements the store applies. */
public final class Movements {
    private Movements() {
    }

    /**
     * One movement per line, plus one per line at the destination of a {@code TRANSFER_OUT}
     * (its in-transit count), so every movement touches exactly one stock record.
     */
    public static List<Movement> of(String sourceId, InventoryEvent event) {
        List<Movement> movements = new ArrayList<>(event.lines().size() * 2);
        for (int i = 0; i < event.lines().size(); i++) {
            EventLine line = event.lines().get(i);
            String counterpart = switch (event.type()) {
                case TRANSFER_OUT -> event.toLocationId();
                case TRANSFER_IN, TRANSFER_CLOSE -> event.fromLocationId();
                default -> null;
            };
            movements.add(new Movement(MovementKey.of(sourceId, event.eventId(), i), event.type(), line.sku(),
                    line.sourceSku(), event.locationId(), line.quantity(), line.condition(), event.occurredAt(),
                    event.reference(), event.reservationId(), counterpart, event.reason(), line.from(), line.to(),
                    event.reasonCode()));
            if (event.type() == ChangeType.TRANSFER_OUT) {
                movements.add(new Movement(
                        new MovementKey(sourceId, event.eventId(), i, MovementKey.Leg.DESTINATION),
                        event.type(), line.sku(), line.sourceSku(), event.toLocationId(), line.quantity(), null,
                        event.occurredAt(), event.reference(), null, event.locationId(), event.reason()));
            }
        }
        return movements;
    }
}
