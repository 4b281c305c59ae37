package io.inventorysync.infra;

import io.inventorysync.settings.Settings;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.DeduplicationScope;
import software.amazon.awscdk.services.sqs.FifoThroughputLimit;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The movements queue (SQS FIFO: order per {@code sku#location}; deduplication ids come from the
 * movements, so content-based deduplication is off) and its dead-letter queue.
 *
 * <p>High-throughput FIFO: deduplication and the throughput quota are per message group. That
 * loses nothing here because a movement always goes to the same group ({@code sku#location} of its
 * line) with the same deduplication id (a digest of its key), so a repeat meets its first copy in
 * that group; and order is only promised within a group anyway. Without it the queue would cap
 * all stores together at 300 sends (3,000 messages in batches) per second.
 */
public final class MovementQueues extends Construct {
    /** Receives before a message that keeps failing is moved to the dead-letter queue. */
    static final int MAX_RECEIVE_COUNT = Settings.MOVEMENTS_MAX_RECEIVE_COUNT;

    private final Queue queue;
    private final Queue deadLetters;

    /** The visibility timeout is six times the consumer's timeout (AWS's advice): {@link Settings#MOVEMENTS_VISIBILITY_TIMEOUT}. */
    public MovementQueues(Construct scope, String id) {
        super(scope, id);
        this.deadLetters = Queue.Builder.create(this, "DeadLetters")
                .fifo(true)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(InventorySyncStack.cdk(Settings.MOVEMENTS_DLQ_RETENTION))
                .build();
        this.queue = Queue.Builder.create(this, "Resource")
                .fifo(true)
                .contentBasedDeduplication(false)
                .deduplicationScope(DeduplicationScope.MESSAGE_GROUP)
                .fifoThroughputLimit(FifoThroughputLimit.PER_MESSAGE_GROUP_ID)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(InventorySyncStack.cdk(Settings.MOVEMENTS_RETENTION))
                .visibilityTimeout(InventorySyncStack.cdk(Settings.MOVEMENTS_VISIBILITY_TIMEOUT))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .build();
    }

    public Queue queue() {
        return queue;
    }

    public Queue deadLetters() {
        return deadLetters;
    }
}
