package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.inventorysync.reconcile.ReconcileRequests;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;

import java.time.Clock;
import java.util.List;

/**
 * The reconcile queue's consumer: one snapshot per message, compared until done or until Lambda's
 * deadline draws near (then its cursor is saved and the queue asked to continue). A failure leaves
 * the message to be delivered again; the run resumes from the cursor.
 */
public final class ReconcilerFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final ReconcileRequests requests;

    /** Lambda's entry: everything is built once per container, from the environment. */
    public ReconcilerFunction() {
        this(Container.REQUESTS);
    }

    /** For a runtime that hands the function its environment as Lambda would (the local cloud). */
    public ReconcilerFunction(Environment env) {
        this(Wiring.requests(new AwsClients(env)));
    }

    ReconcilerFunction(ReconcileRequests requests) {
        this.requests = requests;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final ReconcileRequests REQUESTS = Wiring.requests(AWS);

        static {
            Priming.register(AWS);
        }
    }

    /** How the function is built: once per container, or from an environment it is given. */
    private static final class Wiring {
        static ReconcileRequests requests(AwsClients aws) {
            var dynamo = aws.dynamoDb();
            String table = aws.env(Settings.TABLE_NAME);
            Clock clock = Clock.systemUTC();
            // The queue only takes the rest of a run cut short: its client is built when first needed.
            return ReconcileRequests.on(dynamo, table, aws.onFirstUse(aws::sqs), aws.env(Settings.RECONCILE_QUEUE_URL), clock);
        }
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<String> retry = requests.handle(event.getRecords().stream()
                        .map(m -> new ReconcileRequests.Message(m.getMessageId(), m.getBody())).toList(),
                context == null ? () -> Long.MAX_VALUE : () -> (long) context.getRemainingTimeInMillis());
        return SQSBatchResponse.builder().withBatchItemFailures(retry.stream()
                .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build()).toList()).build();
    }
}
