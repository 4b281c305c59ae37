package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import io.inventorysync.outbox.ChangePublisher;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.telemetry.Telemetry;

import java.util.List;
import java.util.Map;

/**
 * The table's stream consumer (filter criteria deliver stock-level and hold changes only; anything
 * else that arrives is ignored). Thin: converts the records, calls {@link ChangePublisher}, reports
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
        this(Wiring.publisher(new AwsClients(env)));
    }

    ChangePublisherFunction(ChangePublisher publisher) {
        this.publisher = publisher;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final ChangePublisher PUBLISHER = Wiring.publisher(AWS);

        static {
            Priming.register(AWS);
        }
    }

    /** How the function is built: once per container, or from an environment it is given. */
    private static final class Wiring {
        static ChangePublisher publisher(AwsClients aws) {
            return new ChangePublisher(aws.eventBridge(), aws.env(Settings.EVENT_BUS_NAME), Settings.PUT_EVENTS_ATTEMPTS,
                    Settings.PUT_EVENTS_BASE_DELAY);
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
