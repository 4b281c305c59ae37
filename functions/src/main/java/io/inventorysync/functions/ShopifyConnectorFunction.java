package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.inventorysync.adapters.PublishedDriftReports;
import io.inventorysync.adapters.SecretsManagerTokens;
import io.inventorysync.connector.ShopifyAdminApi;
import io.inventorysync.connector.ShopifyConnector;
import io.inventorysync.domain.Validated;
import io.inventorysync.domain.vendor.ShopifyTarget;
import io.inventorysync.http.JsonText;
import io.inventorysync.retry.JitteredBackoff;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbVendorState;
import io.inventorysync.telemetry.Telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

/**
 * A Shopify channel's connector: the consumer of the channel's queue (SQS event source with
 * {@code ReportBatchItemFailures}); pushes with {@link ShopifyConnector}, reports the pushes the
 * shop failed so only they are received again.
 */
public final class ShopifyConnectorFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final ShopifyConnector connector;

    public ShopifyConnectorFunction() {
        this(Container.CONNECTOR);
    }

    public ShopifyConnectorFunction(Environment env) {
        this(Wiring.connector(new AwsClients(env)));
    }

    ShopifyConnectorFunction(ShopifyConnector connector) {
        this.connector = connector;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final ShopifyConnector CONNECTOR = Wiring.connector(AWS);

        static {
            Priming.register(AWS, Priming::telemetry);
        }
    }

    private static final class Wiring {
        static ShopifyConnector connector(AwsClients aws) {
            Clock clock = Clock.systemUTC();
            ShopifyTarget target;
            try {
                target = switch (ShopifyTarget.parse(JsonText.readTree(aws.env(Settings.CHANNEL_TARGET)),
                        "target")) {
                    case Validated.Valid<ShopifyTarget> valid -> valid.value();
                    case Validated.Invalid<ShopifyTarget> invalid ->
                            throw new IllegalStateException("CHANNEL_TARGET is invalid: " + invalid.problems());
                };
            } catch (IOException e) {
                throw new UncheckedIOException("CHANNEL_TARGET is not JSON", e);
            }
            DynamoDbVendorState vendorState = new DynamoDbVendorState(aws.dynamoDb(), aws.env(Settings.TABLE_NAME));
            return new ShopifyConnector(aws.env(Settings.CHANNEL_NAME), target,
                    ShopifyAdminApi.overUrlConnection(Duration.ofSeconds(3), Thread::sleep),
                    new SecretsManagerTokens(aws.secretsManager(), Settings.SECRET_CACHE_TTL_DEFAULT, clock),
                    vendorState, new PublishedDriftReports(vendorState, clock),
                    new JitteredBackoff(Duration.ofMillis(200), Duration.ofSeconds(5)), clock);
        }
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Telemetry telemetry = Telemetry.start("ShopifyConnector");
        try {
            ShopifyConnector.Result result = connector.push(event.getRecords().stream()
                    .map(m -> new ShopifyConnector.Message(m.getMessageId(), m.getBody())).toList(), telemetry);
            return SQSBatchResponse.builder().withBatchItemFailures(result.failedMessageIds().stream()
                    .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build()).toList())
                    .build();
        } finally {
            telemetry.flush();
        }
    }
}
