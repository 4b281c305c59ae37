package io.inventorysync.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.channels.OutboundSchemas;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.outbox.ChangePublisher;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The outbox on real engines: changes made through the store, read back from DynamoDB Local's
 * real stream, handed to the publisher as Lambda would, put on a local EventBridge endpoint that
 * speaks the real protocol.
 */
class ChangePublisherIT {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private MutableClock clock;
    private InventoryStore store;
    private TableStream stream;
    private LocalEventBridge bus;
    private com.amazonaws.services.lambda.runtime.RequestHandler<DynamodbEvent, StreamsEventResponse> publisher;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        DynamoDbClient dynamo = LocalDynamoDb.client();
        String table = LocalDynamoDb.createTable(dynamo);
        store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).clock(clock).build();
        stream = new TableStream(dynamo, LocalDynamoDb.endpoint(), table);
        bus = new LocalEventBridge();
        publisher = io.inventorysync.functions.Handlers.publisher(new ChangePublisher(bus.client(), "inventory", 4, Duration.ofMillis(1)));
    }

    @AfterEach
    void tearDown() {
        bus.close();
    }

    @Test
    void publish_shouldEmitExactlyTheContractEvents_forEachKindOfChange() {
        // given: a receipt, a sale that oversells, a hold that takes the last units and expires
        store.apply(Events.one("r-1", ChangeType.RECEIPT, T0, "store-12", "BLU-SHIRT-M", 5));
        store.apply(Events.one("s-1", ChangeType.SALE, T0.plusSeconds(1), "store-12", "BLU-SHIRT-M", 7));
        store.apply(Events.one("r-2", ChangeType.RECEIPT, T0, "web-dc", "BLU-SHIRT-M", 3));
        store.reserve(Events.hold("chk-1", "web-dc", 60, Events.held("BLU-SHIRT-M", 3)));
        clock.advance(Duration.ofSeconds(61));
        store.expire(io.inventorysync.testing.Events.ref("chk-1"));
        // when
        StreamsEventResponse response = publisher.handleRequest(TableStream.event(stream.poll()), null);
        // then: ledger entries, receipts and the hold's creation say nothing to channels
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.accepted()).extracting(e -> e.path("detail-type").asText(),
                        e -> e.path("detail").path("locationId").asText(), e -> e.path("detail").path("version").asLong())
                .containsExactly(
                        tuple("InventoryLevelChanged", "store-12", 1L),
                        tuple("InventoryLevelChanged", "store-12", 2L),
                        tuple("StockWentNegative", "store-12", 2L),
                        tuple("StockDepleted", "store-12", 2L),
                        tuple("InventoryLevelChanged", "web-dc", 1L),
                        tuple("InventoryLevelChanged", "web-dc", 2L),
                        tuple("StockDepleted", "web-dc", 2L),
                        tuple("ReservationExpired", "web-dc", 0L),
                        tuple("InventoryLevelChanged", "web-dc", 3L));
        JsonNode sale = bus.accepted("InventoryLevelChanged").get(1);
        assertThat(sale.path("source").asText()).isEqualTo("inventory");
        assertThat(sale.path("time").asText()).isEqualTo(T0.toString());
        JsonNode detail = sale.path("detail");
        assertThat(detail.path("schemaVersion").asText()).isEqualTo("1");
        assertThat(detail.path("onHand").asLong()).isEqualTo(-2);
        assertThat(detail.path("available").asLong()).isZero();
        assertThat(detail.path("previous").path("onHand").asLong()).isEqualTo(5);
        assertThat(detail.path("previous").path("version").asLong()).isEqualTo(1);
        assertThat(detail.path("cause").path("type").asText()).isEqualTo("SALE");
        assertThat(detail.path("cause").path("eventId").asText()).isEqualTo("s-1");
        assertThat(detail.path("occurredAt").asText()).isEqualTo(T0.plusSeconds(1).toString());
        assertThat(bus.accepted("InventoryLevelChanged").getFirst().path("detail").path("previous").isNull()).isTrue();
        JsonNode expired = bus.accepted("ReservationExpired").getFirst().path("detail");
        assertThat(expired.path("reservationId").asText()).isEqualTo("chk-1");
        assertThat(expired.path("lines").get(0).path("quantity").asLong()).isEqualTo(3);
        assertThat(bus.accepted("InventoryLevelChanged").getLast().path("detail").path("cause").path("type").asText())
                .isEqualTo("RESERVATION_EXPIRED");
        // and every event is valid against its published schema
        for (JsonNode event : bus.accepted()) {
            assertThat(OutboundSchemas.problems(event.path("detail-type").asText(), event.path("detail").toString()))
                    .as(event.toString()).isEmpty();
        }
    }

    @Test
    void publish_shouldReportFailingRecordsAndLoseNothing_whenBusThrottlesAndRefusesEntries() {
        // given: 60 changes, a bus that throttles two calls and refuses 40% of entries
        for (int i = 0; i < 60; i++) {
            store.apply(Events.one("r-" + i, ChangeType.RECEIPT, T0, "store-" + (i % 3), "SKU-" + i, 1 + i));
        }
        List<DynamodbEvent.DynamodbStreamRecord> records = stream.poll();
        bus.throttleNextCalls(2);
        bus.failEntries(0.4);
        publisher = io.inventorysync.functions.Handlers.publisher(new ChangePublisher(bus.client(), "inventory", 2, Duration.ofMillis(1)));
        // when: Lambda retries from the earliest failed record until the batch goes through
        List<DynamodbEvent.DynamodbStreamRecord> pending = records;
        int deliveries = 0;
        List<Integer> reported = new ArrayList<>();
        while (!pending.isEmpty() && deliveries < 50) {
            deliveries++;
            StreamsEventResponse response = publisher.handleRequest(TableStream.event(pending), null);
            reported.add(response.getBatchItemFailures().size());
            if (response.getBatchItemFailures().isEmpty()) {
                break;
            }
            String first = response.getBatchItemFailures().getFirst().getItemIdentifier();
            int from = indexOf(pending, first);
            pending = pending.subList(from, pending.size());
            if (deliveries == 3) {
                bus.failEntries(0);
            }
        }
        // then: failures were reported, and every change reached the bus at least once
        assertThat(reported.getFirst()).isPositive();
        assertThat(reported.getLast()).isZero();
        Set<String> seen = new HashSet<>();
        bus.accepted("InventoryLevelChanged").forEach(e -> seen.add(e.path("detail").path("sku").asText()));
        assertThat(seen).hasSize(60);
    }

    @Test
    void publish_shouldUseAtMostOnePutEventsCallPerTenChanges_whenUnderLoad() {
        // given: 1,000 changes
        for (int i = 0; i < 1_000; i++) {
            store.apply(Events.one("load-" + i, ChangeType.RECEIPT, T0, "store-1", "LOAD-" + i, 1));
        }
        List<DynamodbEvent.DynamodbStreamRecord> records = stream.poll();
        // when: delivered in batches of 100, as the event source mapping would
        for (int from = 0; from < records.size(); from += 100) {
            publisher.handleRequest(TableStream.event(records.subList(from, Math.min(from + 100, records.size()))), null);
        }
        // then
        assertThat(bus.accepted()).hasSize(1_000);
        assertThat(bus.calls()).isLessThanOrEqualTo(100);
    }

    private static int indexOf(List<DynamodbEvent.DynamodbStreamRecord> records, String sequenceNumber) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).getDynamodb().getSequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        throw new IllegalStateException("reported record not in the batch: " + sequenceNumber);
    }
}
