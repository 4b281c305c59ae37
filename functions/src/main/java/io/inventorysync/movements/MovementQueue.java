package io.inventorysync.movements;

import io.inventorysync.domain.Movement;

import java.time.Instant;
import java.util.List;

/** Where accepted movements wait to be applied, in order per {@code (sku, locationId)}. */
public interface MovementQueue {

    /**
     * Sends the movements, keeping their order per {@code (sku, locationId)}, until {@code deadline}.
     * Never throws for the queue's sake: what could not be sent is answered, for the caller to send
     * again. Re-sending any movement is harmless (SQS deduplication, then the ledger).
     *
     * @return the movements not known to be in the queue (SQS kept failing, refused them, or the
     *         deadline came first), with SQS's reason when it refused some as malformed
     */
    Sent send(List<Movement> movements, Instant deadline);

    /**
     * What a send left over.
     *
     * @param unsent  the movements not known to be in the queue; empty when every one was sent
     * @param refusal SQS's reason when it refused some of them as the sender's fault (a batch that
     *                will never be accepted, however often it is sent again); null otherwise
     * @param refused the movements of {@code unsent} that SQS itself refused as the sender's fault (each
     *                named by its entry in a batch answer); the rest of {@code unsent} failed otherwise
     *                (throttled, an outage, the deadline) and may go another time
     */
    record Sent(List<Movement> unsent, String refusal, List<Movement> refused) {
        public static final Sent ALL = new Sent(List.of(), null, List.of());

        public Sent {
            unsent = List.copyOf(unsent);
            refused = List.copyOf(refused);
        }

        /** Every unsent movement refused when {@code refusal} is set (a queue that cannot tell which), none otherwise. */
        public Sent(List<Movement> unsent, String refusal) {
            this(unsent, refusal, refusal == null ? List.of() : unsent);
        }

        public boolean complete() {
            return unsent.isEmpty();
        }

        /** Every movement left over was refused by SQS as malformed: sending them again can never succeed. */
        public boolean onlyRefused() {
            return !unsent.isEmpty() && refused.size() == unsent.size();
        }
    }
}
