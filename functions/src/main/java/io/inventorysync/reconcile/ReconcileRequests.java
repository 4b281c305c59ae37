package io.inventorysync.reconcile;

import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbChannelAvailabilities;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.DynamoDbSnapshots;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Reconcile requests as the queue delivers them: each runs the {@link Reconciler} with the time the
 * invocation has left; a run that stops for time asks the queue to continue; a run that fails is
 * left to be delivered again (it resumes from the cursor).
 */
public final class ReconcileRequests {
    private static final Logger LOG = LogManager.getLogger(ReconcileRequests.class);

    private final Reconciler reconciler;
    private final ReconcileQueue queue;

    public ReconcileRequests(Reconciler reconciler, ReconcileQueue queue) {
        this.reconciler = reconciler;
        this.queue = queue;
    }

    /** The reconciler on the table and the queue, as a function container builds it once. */
    public static ReconcileRequests on(DynamoDbClient dynamo, String table, SqsClient sqs, String queueUrl, Clock clock) {
        return on(dynamo, table, () -> sqs, queueUrl, clock);
    }

    /** With the SQS client built when the queue is first used ({@code sqs} is asked on each request). */
    public static ReconcileRequests on(DynamoDbClient dynamo, String table, java.util.function.Supplier<SqsClient> sqs,
                                       String queueUrl, Clock clock) {
        return new ReconcileRequests(new Reconciler(new DynamoDbSnapshots(dynamo, table),
                DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).clock(clock).build(),
                ChannelAvailabilityReads.of(new DynamoDbChannelAvailabilities(dynamo, table)), clock,
                Settings.RECONCILER_LEASE), new SqsReconcileQueue(sqs, queueUrl));
    }

    public record Message(String id, String body) {
    }

    /** @return the ids of the messages to deliver again */
    public List<String> handle(List<Message> messages, LongSupplier remainingMillis) {
        List<String> retry = new ArrayList<>();
        for (Message m : messages) {
            String[] request = SqsReconcileQueue.parse(m.body() == null ? "" : m.body());
            if (request == null) {
                LOG.error("reconcile message {} is not a request; dropped", m.id());
                continue;
            }
            try {
                Reconciler.Result result = reconciler.run(request[0], request[1],
                        () -> remainingMillis.getAsLong() > Settings.RECONCILER_SAFETY_MARGIN.toMillis());
                if (result == Reconciler.Result.CONTINUE) {
                    queue.request(request[0], request[1]);
                }
                LOG.info("snapshot {} of {}: {}", request[1], request[0], result);
            } catch (RuntimeException e) {
                LOG.error("reconciling snapshot " + request[1] + " failed; it resumes from its cursor", e);
                retry.add(m.id());
            }
        }
        return retry;
    }
}
