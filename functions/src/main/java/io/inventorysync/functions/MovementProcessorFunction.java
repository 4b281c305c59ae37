package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.inventorysync.movements.MovementMessage;
import io.inventorysync.movements.QueuedMovement;
import io.inventorysync.processor.MovementProcessor;
import io.inventorysync.processor.SqsPoisonQueue;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.telemetry.Telemetry;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The movements queue's consumer (SQS FIFO event source with {@code ReportBatchItemFailures}).
 * Thin: turns the SQS event into {@link QueuedMovement}s, calls {@link MovementProcessor}, reports
 * the messages to deliver again.
 */
public final class MovementProcessorFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final MovementProcessor processor;

    /** Lambda's entry: everything is built once per container, from the environment. */
    public MovementProcessorFunction() {
        this(Container.PROCESSOR);
    }

    /**
     * For a runtime that hands the function its environment as Lambda would (the local cloud):
     * builds the function's own clients from it, reading nothing JVM-wide.
     */
    public MovementProcessorFunction(Environment env) {
        this(Wiring.processor(new AwsClients(env)));
    }

    MovementProcessorFunction(MovementProcessor processor) {
        this.processor = processor;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final MovementProcessor PROCESSOR = Wiring.processor(AWS);

        static {
            Priming.register(AWS, MovementProcessorFunction::prime);
        }
    }

    /** How the function is built: once per container, or from an environment it is given. */
    private static final class Wiring {
        static MovementProcessor processor(AwsClients aws) {
            return new MovementProcessor(
                    DynamoDbInventoryStore.builder().dynamoDbClient(aws.dynamoDb())
                            .tableName(aws.env(Settings.TABLE_NAME)).build(),
                    new SqsPoisonQueue(aws.sqs(), aws.env(Settings.MOVEMENTS_DLQ_URL)),
                    Clock.systemUTC());
        }
    }

    /**
     * The first message's own path, offline: a made-up movement's message written as the relay
     * writes it and read as the processor reads it ({@link MovementMessage#prime}); the store's path
     * and the clients are primed by {@link Priming} for every function.
     */
    private static void prime() {
        Priming.telemetry();
        MovementMessage.prime();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Telemetry telemetry = Telemetry.start("MovementProcessor");
        try {
            List<String> retry = processor.process(event.getRecords().stream()
                    .map(MovementProcessorFunction::queued).toList(),
                    context == null ? () -> Long.MAX_VALUE : () -> context.getRemainingTimeInMillis(), telemetry);
            return SQSBatchResponse.builder()
                    .withBatchItemFailures(retry.stream().map(id -> SQSBatchResponse.BatchItemFailure.builder()
                            .withItemIdentifier(id).build()).toList())
                    .build();
        } finally {
            telemetry.flush();
        }
    }

    static QueuedMovement queued(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = new HashMap<>();
        if (message.getMessageAttributes() != null) {
            message.getMessageAttributes().forEach((k, v) -> {
                if (v.getStringValue() != null) {
                    attributes.put(k, v.getStringValue());
                }
            });
        }
        Map<String, String> system = message.getAttributes() == null ? Map.of() : message.getAttributes();
        long sentAt = system.containsKey("SentTimestamp") ? Long.parseLong(system.get("SentTimestamp")) : 0;
        return new QueuedMovement(message.getMessageId(), system.get("MessageGroupId"),
                message.getBody() == null ? "" : message.getBody(), attributes, sentAt);
    }
}
