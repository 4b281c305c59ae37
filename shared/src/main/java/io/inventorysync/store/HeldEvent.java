package io.inventorysync.store;

/**
 * An accepted event as its receipt holds it, and the token of the request that wrote the receipt
 * last. A sender's retry writes a new token, so the item changes and the table's stream hands the
 * event to the ingest relay again ({@link StreamImages#newlyHeld}).
 */
public record HeldEvent(OutboxEvent event, String token) {
}
