package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import io.inventorysync.ingest.IngestRelay;
import io.inventorysync.movements.SqsMovementQueue;
import io.inventorysync.processor.SqsPoisonQueue;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The ingest relay: the table's stream consumer (filter criteria deliver receipts holding an event,
 * {@code StreamImages.HELD_RECEIPT_FILTER}) that sends each newly accepted event's movements to the
 * movements queue. Thin: converts the records, calls {@link IngestRelay}, reports the record to
 * deliver again from.
 */
public final class IngestRelayFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LogManager.getLogger(IngestRelayFunction.class);

    private final IngestRelay relay;

    /** Lambda's entry: everything is built once per container, from the environment. */
    public IngestRelayFunction() {
        this(Container.RELAY);
    }

    /**
     * For a runtime that hands the function its environment as Lambda would (the local cloud):
     * builds the function's own clients from it, reading nothing JVM-wide.
     */
    public IngestRelayFunction(Environment env) {
        this(Wiring.relay(new AwsClients(env)));
    }

    IngestRelayFunction(IngestRelay relay) {
        this.relay = relay;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final IngestRelay RELAY = Wiring.relay(AWS);

        static {
            Priming.register(AWS, IngestRelayFunction::prime);
        }
    }

    /** How the function is built: once per container, or from an environment it is given. */
    private static final class Wiring {
        static IngestRelay relay(AwsClients aws) {
            Clock clock = Clock.systemUTC();
            var sqs = aws.sqs();
            return new IngestRelay(new SqsMovementQueue(sqs, aws.env(Settings.MOVEMENTS_QUEUE_URL), Settings.QUEUE_SEND_BASE_DELAY,
                    Settings.QUEUE_SEND_LANES, clock), new SqsPoisonQueue(sqs, aws.env(Settings.MOVEMENTS_DLQ_URL)),
                    refusals(aws, clock), clock);
        }

        /**
         * The receipts' refusals ({@code dynamodb:UpdateItem} on the table, nothing else): a parked event is
         * rare, so the DynamoDB client is built on its first use, not at init (a cold start never pays for it;
         * {@link Priming} builds it before a snapshot).
         */
        static IngestRelay.Refusals refusals(AwsClients aws, Clock clock) {
            String table = aws.env(Settings.TABLE_NAME);
            Supplier<DynamoDbClient> dynamo = aws.onFirstUse(aws::dynamoDb);
            Supplier<DynamoDbInventoryStore> store = AwsClients.once(() ->
                    DynamoDbInventoryStore.builder().dynamoDbClient(dynamo.get()).tableName(table).clock(clock).build());
            return (sourceId, eventId, reason, lines) -> store.get().recordRelayRefusal(sourceId, eventId, reason, lines);
        }
    }

    /**
     * The first event's path, offline: a made-up held receipt's stream record converted, read and
     * turned into movements, handed to the lanes with no time left (so nothing is sent and nothing
     * logged: the SQS client's own path is primed by {@link Priming} with every client).
     */
    private static void prime() {
        Priming.telemetry();
        new IngestRelayFunction(Container.RELAY).handle(Priming.heldReceiptRecord(),
                Settings.INGEST_RELAY_SAFETY_MARGIN.toMillis(), Telemetry.discarded());
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        Telemetry telemetry = Telemetry.start("IngestRelay");
        try {
            long remaining = context == null ? Settings.INGEST_RELAY_TIMEOUT.toMillis() : context.getRemainingTimeInMillis();
            IngestRelay.Result result = relay(event, remaining, telemetry);
            if (result.relayed() + result.parked() > 0 || result.failedAt().isPresent()) {
                LOG.info("ingest relay: {} event(s) relayed, {} movement(s) queued, {} ignored, {} parked{}", result.relayed(),
                        result.movementsQueued(), result.ignored(), result.parked(),
                        result.failedAt().map(s -> ", again from " + s).orElse(""));
            }
            return response(result);
        } finally {
            telemetry.flush();
        }
    }

    /** The invocation without its log line and with the given metrics: what priming runs. */
    private StreamsEventResponse handle(DynamodbEvent event, long remainingMillis, Telemetry telemetry) {
        return response(relay(event, remainingMillis, telemetry));
    }

    private IngestRelay.Result relay(DynamodbEvent event, long remainingMillis, Telemetry telemetry) {
        Instant deadline = Instant.now().plusMillis(remainingMillis - Settings.INGEST_RELAY_SAFETY_MARGIN.toMillis());
        List<IngestRelay.Change> changes = event.getRecords().stream()
                .filter(r -> r.getDynamodb() != null)
                .map(r -> new IngestRelay.Change(r.getDynamodb().getSequenceNumber(),
                        images(r.getDynamodb().getOldImage()), images(r.getDynamodb().getNewImage())))
                .toList();
        return relay.relay(changes, deadline, telemetry);
    }

    private static StreamsEventResponse response(IngestRelay.Result result) {
        return StreamsEventResponse.builder()
                .withBatchItemFailures(result.failedAt().stream()
                        .map(seq -> StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(seq).build())
                        .toList())
                .build();
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> images(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        return image == null ? Map.of() : DynamodbAttributeValueTransformer.toAttributeValueMapV2(image);
    }
}
