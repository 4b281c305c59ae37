package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.inventorysync.http.HttpReply;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.ingest.SqsMovementQueue;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.store.StoreException;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /v1/sources/{sourceId}/events} and {@code GET /v1/sources/{sourceId}/events/{eventId}}
 * (API Gateway HTTP API, payload format 2.0). Thin: extracts the request, calls
 * {@link IngestService}, maps the reply.
 */
public final class WebhookFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LogManager.getLogger(WebhookFunction.class);

    private final IngestService ingest;

    /** Lambda's entry: everything is built once per container, from the environment. */
    public WebhookFunction() {
        this(Container.INGEST);
    }

    WebhookFunction(IngestService ingest) {
        this.ingest = ingest;
    }

    private static final class Container {
        static {
            Priming.register();
        }

        static final IngestService INGEST;

        static {
            DynamoDbClient dynamo = AwsClients.dynamoDb();
            String table = AwsClients.env("TABLE_NAME");
            Clock clock = Clock.systemUTC();
            INGEST = new IngestService(
                    new DynamoDbSourceRegistry(dynamo, table),
                    AwsClients.signingSecrets(clock),
                    DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).clock(clock).build(),
                    new SqsMovementQueue(AwsClients.sqs(), AwsClients.env("MOVEMENTS_QUEUE_URL"), Duration.ofMillis(50)),
                    clock);
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> path = HttpEvents.pathParameters(event);
        String sourceId = path.getOrDefault("sourceId", "");
        Telemetry telemetry = Telemetry.start("Webhook");
        try (var ignored = CloseableThreadContext.put("sourceId", sourceId)) {
            String method = HttpEvents.method(event);
            IngestService.Request request = new IngestService.Request(sourceId, HttpEvents.headers(event),
                    HttpEvents.body(event), method + " " + HttpEvents.path(event));
            HttpReply reply;
            if ("GET".equalsIgnoreCase(method) && path.containsKey("eventId")) {
                try (var withEvent = CloseableThreadContext.put("eventId", path.get("eventId"))) {
                    reply = ingest.eventStatus(request, path.get("eventId"), telemetry);
                }
            } else {
                reply = ingest.postEvents(request, telemetry);
            }
            return HttpEvents.response(reply);
        } catch (StoreException e) {
            LOG.error("store unavailable", e);
            return HttpEvents.response(HttpEvents.unavailable());
        } catch (RuntimeException e) {
            LOG.error("request failed", e);
            return HttpEvents.response(HttpEvents.internalError());
        } finally {
            telemetry.flush();
        }
    }
}
