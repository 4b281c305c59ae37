package io.inventorysync.functions;

import io.inventorysync.availability.ChannelAvailabilityService;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.ingest.IngestRelay;
import io.inventorysync.outbox.ChangePublisher;
import io.inventorysync.processor.MovementProcessor;
import io.inventorysync.query.InventoryQueryService;
import io.inventorysync.reservations.HoldExpirySweep;
import io.inventorysync.reservations.ReservationService;

/**
 * Builds handlers around given services, for code outside this package that runs them in
 * process (the local cloud, benchmarks); Lambda uses the handlers' no-argument constructors.
 */
public final class Handlers {
    private Handlers() {
    }

    public static WebhookFunction webhook(IngestService ingest) {
        return new WebhookFunction(ingest);
    }

    public static MovementProcessorFunction processor(MovementProcessor processor) {
        return new MovementProcessorFunction(processor);
    }

    public static ReservationsFunction reservations(ReservationService reservations) {
        return new ReservationsFunction(reservations);
    }

    public static InventoryQueryFunction query(InventoryQueryService query) {
        return new InventoryQueryFunction(query, null);
    }

    public static InventoryQueryFunction query(InventoryQueryService query, ChannelAvailabilityService channels) {
        return new InventoryQueryFunction(query, channels);
    }

    public static ChangePublisherFunction publisher(ChangePublisher publisher) {
        return new ChangePublisherFunction(publisher);
    }

    public static HoldExpirySweeperFunction sweeper(HoldExpirySweep sweep) {
        return new HoldExpirySweeperFunction(sweep);
    }

    public static IngestRelayFunction ingestRelay(IngestRelay relay) {
        return new IngestRelayFunction(relay);
    }
}
