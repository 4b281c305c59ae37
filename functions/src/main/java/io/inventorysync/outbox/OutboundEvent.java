package io.inventorysync.outbox;

import java.time.Instant;

/**
 * One event for the bus: {@code source} is always {@code inventory}.
 *
 * @param detailType one of {@code InventoryLevelChanged}, {@code StockWentNegative}, {@code StockDepleted},
 *                   {@code ReservationExpired}, {@code DriftDetected}
 * @param detail     the JSON detail, as the schemas in {@code events/outbound/v1} define it
 */
public record OutboundEvent(String detailType, String detail, Instant time) {
    public static final String SOURCE = "inventory";
}
