package io.inventorysync.functions;

import io.inventorysync.domain.EventValidator;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.Movements;
import io.inventorysync.domain.Validated;
import io.inventorysync.http.HttpReply;
import io.inventorysync.http.Json;
import io.inventorysync.movements.MovementMessage;
import io.inventorysync.outbox.ChangeEvents;
import io.inventorysync.retry.JitteredBackoff;
import io.inventorysync.store.DynamoDbInventoryStore;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * SnapStart priming: before Lambda takes the snapshot of an initialised container, runs the code
 * paths every invocation takes (JSON in and out, validation, the table schemas, update
 * expressions, event building) on made-up data, so classes are loaded and JIT-warm in the snapshot
 * rather than on the first request. Offline only: no connection is opened before the snapshot.
 */
final class Priming implements Resource {
    /** Registered by every handler's container; CRaC keeps only weak references to resources. */
    static final Priming INSTANCE = new Priming();

    private static final String SAMPLE = "{\"eventId\":\"prime-1\",\"type\":\"SALE\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
            + "\"locationId\":\"store-1\",\"lines\":[{\"sku\":\"PRIME\",\"quantity\":1}]}";

    private Priming() {
    }

    static void register() {
        Core.getGlobalContext().register(INSTANCE);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Every environment restored from this snapshot has the same random state: re-seed the
        // retry jitter, or they would all back off for the same times. Clients need nothing: they
        // open their connections on first use after the restore.
        JitteredBackoff.reseed();
    }

    /** One pass through the hot paths; returns what it built so nothing is optimised away. */
    static int prime() throws Exception {
        Object raw = Json.MAPPER.readValue(SAMPLE, Object.class);
        Validated<InventoryEvent> event = new EventValidator(Clock.systemUTC()).validate(raw, "");
        InventoryEvent valid = ((Validated.Valid<InventoryEvent>) event).value();
        var movement = Movements.of("prime", valid).getFirst();
        String message = Json.write(MovementMessage.of(movement));
        Json.MAPPER.readValue(message, MovementMessage.class).toMovement();
        int store = DynamoDbInventoryStore.warmUp(movement);
        HttpReply reply = HttpReply.json(202, Map.of("accepted", List.of(Map.of("eventId", "prime-1"))));
        HttpReply problem = HttpReply.problem(400, "INVALID_EVENT", "Invalid event", "prime");
        return message.length() + store + reply.body().length() + problem.body().length()
                + ChangeEvents.of(Map.of(), Map.of()).size();
    }
}
