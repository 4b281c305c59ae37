package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import io.inventorysync.availability.ChannelAvailabilityService;
import io.inventorysync.channels.ChannelPools;
import io.inventorysync.domain.AvailabilityPool;
import io.inventorysync.outbox.ChangePublisher;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbChannelAvailabilities;
import io.inventorysync.telemetry.Telemetry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The table's stream consumer (filter criteria deliver stock-level, hold and channel-availability
 * changes only; anything else that arrives is ignored). Thin: converts the records, calls
 * {@link ChangePublisher} (which first recomputes the channels' numbers the batch moved), reports
 * the records to deliver again.
 */
public final class ChangePublisherFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final ChangePublisher publisher;

    /** Lambda's entry: everything is built once per container, from the environment. */
    public ChangePublisherFunction() {
        this(Container.PUBLISHER);
    }

    /**
     * For a runtime that hands the function its environment as Lambda would (the local cloud):
     * builds the function's own clients from it, reading nothing JVM-wide.
     */
    public ChangePublisherFunction(Environment env) {
        this(fromClients(env, new AwsClients(env)));
    }

    ChangePublisherFunction(ChangePublisher publisher) {
        this.publisher = publisher;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final ChangePublisher PUBLISHER = fromClients(Environment.process(), AWS);

        static {
            Priming.register(AWS, Priming::telemetry);
        }
    }

    /** From the function's own clients; the DynamoDB client is built only when some channel has a pool. */
    private static ChangePublisher fromClients(Environment env, AwsClients aws) {
        return Wiring.publisher(env, aws::dynamoDb, aws.eventBridge());
    }

    /**
     * The publisher as this function builds it, from its settings and the clients it is given: the
     * pools of {@link Settings#CHANNEL_POOLS} (as the CDK app writes them from {@code channels.json};
     * blank: no pool), their numbers in {@link Settings#TABLE_NAME}, the events on
     * {@link Settings#EVENT_BUS_NAME}, the attempts and pauses of {@link Settings}. The one wiring:
     * the container, the local cloud and the cost benchmark (with metering clients) all build it here.
     *
     * @param dynamoDb asked for its client only when some channel has a pool (then once); a
     *                 publisher without pools neither reads nor writes the table, nor needs its name
     */
    public static ChangePublisher publisher(Environment env, Supplier<DynamoDbClient> dynamoDb, EventBridgeClient eventBridge) {
        return Wiring.publisher(env, dynamoDb, eventBridge);
    }

    /** The wiring itself (the handler's own class depends on services only: ArchitectureRules). */
    private static final class Wiring {
        static ChangePublisher publisher(Environment env, Supplier<DynamoDbClient> dynamoDb, EventBridgeClient eventBridge) {
            Map<String, AvailabilityPool> pools = ChannelPools.parse(env.optional(Settings.CHANNEL_POOLS, ""));
            // The table is read and written only when some channel has a pool.
            ChannelAvailabilityService availability = pools.isEmpty() ? null : new ChannelAvailabilityService(pools,
                    new DynamoDbChannelAvailabilities(dynamoDb.get(), env.required(Settings.TABLE_NAME)), Clock.systemUTC(),
                    Settings.CHANNEL_AVAILABILITY_READS);
            return new ChangePublisher(eventBridge, env.required(Settings.EVENT_BUS_NAME), Settings.PUT_EVENTS_ATTEMPTS,
                    Settings.PUT_EVENTS_BASE_DELAY, availability);
        }
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        Telemetry telemetry = Telemetry.start("ChangePublisher");
        try {
            List<ChangePublisher.Change> changes = event.getRecords().stream()
                    .filter(r -> r.getDynamodb() != null)
                    .map(r -> new ChangePublisher.Change(r.getDynamodb().getSequenceNumber(),
                            images(r.getDynamodb().getOldImage()), images(r.getDynamodb().getNewImage())))
                    .toList();
            List<String> failed = publisher.publish(changes, telemetry);
            return StreamsEventResponse.builder()
                    .withBatchItemFailures(failed.stream()
                            .map(seq -> StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(seq).build())
                            .toList())
                    .build();
        } finally {
            telemetry.flush();
        }
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> images(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        return image == null ? Map.of() : DynamodbAttributeValueTransformer.toAttributeValueMapV2(image);
    }
}
