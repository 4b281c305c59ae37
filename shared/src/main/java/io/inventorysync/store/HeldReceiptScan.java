package io.inventorysync.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The receipts still holding their event ({@code queuedEvent}) that were received in a window, a page
 * of the table at a time: what {@code IngestRedriveCommand} re-sends when the stream no longer has them.
 * <ul>
 *   <li>A {@code Scan} (eventually consistent) filtered on the item type, the held event and
 *   {@code receivedAt}; a page reads up to {@code pageSize} items of the table, whatever they are.</li>
 *   <li>{@code receivedAt} is stored as {@link Instant#toString()}, whose text does not sort as time
 *   within one second ({@code ...:05Z} after {@code ...:05.3Z}): the filter takes whole seconds, wider
 *   than the window, and each receipt's instant is then compared exactly.</li>
 *   <li>Resumable: each page answers the position to go on from (as {@link StockIndexBackfill}).</li>
 * </ul>
 */
public final class HeldReceiptScan {
    private final DynamoDbClient dynamo;
    private final String table;
    private final TransientFailures transientFailures;

    public HeldReceiptScan(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.transientFailures = TransientFailures.DEFAULT;
    }

    /** A receipt whose held event cannot be read (the relay parks those): named, never re-sent. */
    public record Unreadable(String sourceId, String eventId, String reason) {
    }

    /**
     * One page.
     *
     * @param scanned    items of the table read
     * @param held       events held by receipts received in the window
     * @param unreadable receipts in the window whose event cannot be read
     * @param next       where to go on from, or {@code null} when the table is done
     */
    public record Page(long scanned, List<HeldEvent> held, List<Unreadable> unreadable, String next) {
    }

    /** Reads up to {@code pageSize} items from {@code position} ({@code null}: the start), keeping receipts received in [from, to]. */
    public Page page(Instant from, Instant to, String position, int pageSize) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to is before --from");
        }
        Map<String, AttributeValue> start = position == null ? null : StockIndexBackfill.decode(position);
        // Whole seconds: every instant of from's second sorts at or after its "yyyy-MM-ddTHH:mm:ss" prefix,
        // every instant of to's second at or before that prefix + "Z" ('Z' sorts after '.').
        String lower = from.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "");
        String upper = to.truncatedTo(ChronoUnit.SECONDS).toString();
        ScanResponse answer = transientFailures.call("scan for held receipts", () -> dynamo.scan(r -> r.tableName(table)
                .limit(pageSize).exclusiveStartKey(start)
                .filterExpression("#type = :receipt AND attribute_exists(#held) AND #at BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#type", InventoryTable.ITEM_TYPE,
                        "#held", StreamImages.HELD_EVENT_ATTRIBUTE, "#at", "receivedAt"))
                .expressionAttributeValues(Map.of(":receipt", AttributeValue.fromS(ItemType.RECEIPT.name()),
                        ":from", AttributeValue.fromS(lower), ":to", AttributeValue.fromS(upper)))));
        List<HeldEvent> held = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        for (Map<String, AttributeValue> item : answer.items()) {
            Instant at = Instant.parse(item.get("receivedAt").s());
            if (at.isBefore(from) || at.isAfter(to)) {
                continue;
            }
            try {
                Optional<HeldEvent> event = StreamImages.newlyHeld(Map.of(), item);
                event.ifPresent(held::add);
            } catch (StreamImages.UnreadableHeldEvent e) {
                unreadable.add(new Unreadable(e.sourceId(), e.eventId(), e.getMessage()));
            }
        }
        boolean more = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty();
        return new Page(answer.scannedCount(), held, unreadable, more ? StockIndexBackfill.encode(answer.lastEvaluatedKey()) : null);
    }
}
