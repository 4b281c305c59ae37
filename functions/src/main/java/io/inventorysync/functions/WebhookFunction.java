package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/sources/{sourceId}/events} and {@code GET /v1/sources/{sourceId}/events/{eventId}}
 * (payload format 2.0), through the API Gateway HTTP API or the function's URL (README, "Deploy": the
 * {@code webhookFunctionUrl} setting), routed the same through either on these two routes
 * ({@link HttpEvents#route}; anything else through the URL is {@code 404 ROUTE_NOT_FOUND}).
 * Thin: extracts the request, calls {@link IngestService}, maps its result ({@link IngestReplies}). No SQS client: the receipts it
 * writes reach the movements queue through the table's stream ({@link IngestRelayFunction}).
 */
public final class WebhookFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LogManager.getLogger(WebhookFunction.class);

    static final HttpEvents.Route POST_EVENTS = new HttpEvents.Route("POST", "/v1/sources/{sourceId}/events");
    static final HttpEvents.Route EVENT_STATUS = new HttpEvents.Route("GET", "/v1/sources/{sourceId}/events/{eventId}");
    /** Its routes, and only these: through its URL, any other path or method is {@code 404 ROUTE_NOT_FOUND}. */
    static final List<HttpEvents.Route> ROUTES = List.of(POST_EVENTS, EVENT_STATUS);

    private final IngestService ingest;

    /** Lambda's entry: everything is built once per container, from the environment. */
    public WebhookFunction() {
        this(Container.INGEST);
    }

    /**
     * For a runtime that hands the function its environment as Lambda would (the local cloud):
     * builds the function's own clients from it, reading nothing JVM-wide.
     */
    public WebhookFunction(Environment env) {
        this(Wiring.ingest(new AwsClients(env)));
    }

    WebhookFunction(IngestService ingest) {
        this.ingest = ingest;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final IngestService INGEST = Wiring.ingest(AWS);

        static {
            Priming.register(AWS, WebhookFunction::prime);
        }
    }

    /** How the function is built: once per container, or from an environment it is given. */
    private static final class Wiring {
        static IngestService ingest(AwsClients aws) {
            DynamoDbClient dynamo = aws.dynamoDb();
            String table = aws.env(Settings.TABLE_NAME);
            Clock clock = Clock.systemUTC();
            return new IngestService(
                    new DynamoDbSourceRegistry(dynamo, table),
                    aws.signingSecrets(clock),
                    DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).clock(clock).build(),
                    clock);
        }
    }

    /**
     * Priming (see {@link Priming#register(AwsClients, Runnable)}): the routing of both doors (no I/O),
     * and the invocation's metrics (dropped).
     */
    static void prime() {
        HttpEvents.route(Priming.request("POST", "/v1/sources/prime/events", Map.of("sourceId", "prime"), null), ROUTES);
        HttpEvents.route(Priming.request("GET", "/v1/sources/prime/events/prime%2D1", Map.of(), null), ROUTES);
        Priming.telemetry();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Optional<HttpEvents.Routed> routed = HttpEvents.route(event, ROUTES);
        Map<String, String> path = routed.map(HttpEvents.Routed::parameters).orElse(Map.of());
        String sourceId = path.getOrDefault("sourceId", "");
        String method = HttpEvents.method(event);
        Telemetry telemetry = Telemetry.start("Webhook");
        try (var ignored = CloseableThreadContext.put("sourceId", sourceId)
                .put("eventId", path.getOrDefault("eventId", ""))) {
            if (routed.isEmpty()) {
                return HttpEvents.response(HttpEvents.notFound());
            }
            // The route a request id is bound to is the routed path, the same through either door.
            IngestService.Request request = new IngestService.Request(sourceId, HttpEvents.headers(event),
                    HttpEvents.body(event), method + " " + routed.get().path());
            return HttpEvents.answer(LOG, () -> routed.get().route() == EVENT_STATUS
                    ? IngestReplies.of(ingest.eventStatus(request, path.get("eventId"), telemetry))
                    : IngestReplies.of(ingest.postEvents(request, telemetry)));
        } finally {
            telemetry.flush();
        }
    }
}
