package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.inventorysync.http.HttpReply;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.ingest.SecretsManagerSigningSecrets;
import io.inventorysync.ingest.SqsMovementQueue;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.store.StoreException;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
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
        static final IngestService INGEST;

        static {
            DynamoDbClient dynamo = AwsClients.dynamoDb();
            String table = AwsClients.env("TABLE_NAME");
            Clock clock = Clock.systemUTC();
            INGEST = new IngestService(
                    new DynamoDbSourceRegistry(dynamo, table),
                    new SecretsManagerSigningSecrets(AwsClients.secretsManager(),
                            Duration.ofSeconds(Long.parseLong(AwsClients.env("SECRET_CACHE_TTL_SECONDS", "300"))), clock),
                    DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).clock(clock).build(),
                    new SqsMovementQueue(AwsClients.sqs(), AwsClients.env("MOVEMENTS_QUEUE_URL"), Duration.ofMillis(50)),
                    clock);
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        String sourceId = path.getOrDefault("sourceId", "");
        Telemetry telemetry = Telemetry.start("Webhook");
        try (var ignored = CloseableThreadContext.put("sourceId", sourceId)) {
            IngestService.Request request = new IngestService.Request(sourceId, headers(event), body(event));
            String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                    ? "POST" : event.getRequestContext().getHttp().getMethod();
            HttpReply reply;
            if ("GET".equalsIgnoreCase(method) && path.containsKey("eventId")) {
                try (var withEvent = CloseableThreadContext.put("eventId", path.get("eventId"))) {
                    reply = ingest.eventStatus(request, path.get("eventId"), telemetry);
                }
            } else {
                reply = ingest.postEvents(request, telemetry);
            }
            return response(reply);
        } catch (StoreException e) {
            LOG.error("store unavailable", e);
            return response(HttpReply.problem(503, "STORE_UNAVAILABLE", "Try again later",
                    "The request could not be recorded now; retry the same request."));
        } catch (RuntimeException e) {
            LOG.error("request failed", e);
            return response(HttpReply.problem(500, "INTERNAL_ERROR", "Internal error",
                    "The request could not be processed; retry it later."));
        } finally {
            telemetry.flush();
        }
    }

    private static Map<String, String> headers(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        return headers;
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        if (event.getBody() == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
    }

    static APIGatewayV2HTTPResponse response(HttpReply reply) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(reply.status())
                .withHeaders(Map.of("content-type", reply.contentType()))
                .withBody(reply.body())
                .build();
    }
}
