package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.inventorysync.adapters.HttpSquareChanges;
import io.inventorysync.adapters.PublishedDriftReports;
import io.inventorysync.adapters.SecretsManagerTokens;
import io.inventorysync.adapters.VendorAdapters;
import io.inventorysync.auth.SigningSecrets;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.store.DynamoDbVendorState;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import io.inventorysync.http.JsonPost;
import java.time.Clock;
import java.util.Map;

/**
 * {@code POST /v1/sources/{sourceId}/adapters/shopify} and {@code .../adapters/square}: thin,
 * extracts the delivery, calls {@link VendorAdapters}, maps its result ({@link AdapterReplies}).
 */
public final class VendorAdapterFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LogManager.getLogger(VendorAdapterFunction.class);

    private final VendorAdapters adapters;

    /** Lambda's entry: everything is built once per container, from the environment. */
    public VendorAdapterFunction() {
        this(Container.ADAPTERS);
    }

    /** For a runtime that hands the function its environment as Lambda would (the local cloud). */
    public VendorAdapterFunction(Environment env) {
        this(Wiring.adapters(new AwsClients(env)));
    }

    VendorAdapterFunction(VendorAdapters adapters) {
        this.adapters = adapters;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final VendorAdapters ADAPTERS = Wiring.adapters(AWS);

        static {
            Priming.register(AWS, VendorAdapterFunction::prime);
        }
    }

    /** How the adapters are built: once per container, or from an environment they are given. */
    static final class Wiring {
        static VendorAdapters adapters(AwsClients aws) {
            DynamoDbClient dynamo = aws.dynamoDb();
            String table = aws.env(Settings.TABLE_NAME);
            Clock clock = Clock.systemUTC();
            DynamoDbSourceRegistry sources = new DynamoDbSourceRegistry(dynamo, table);
            SigningSecrets secrets = aws.signingSecrets(clock);
            DynamoDbInventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table)
                    .clock(clock).build();
            // Sends nothing to SQS: the receipts it writes are relayed from the table's stream.
            IngestService ingest = new IngestService(sources, secrets, store, clock);
            HttpSquareChanges square = new HttpSquareChanges(
                    new JsonPost(HttpSquareChanges.TIMEOUT, HttpSquareChanges.TIMEOUT),
                    new SecretsManagerTokens(aws.secretsManager(), Settings.SECRET_CACHE_TTL_DEFAULT, clock));
            DynamoDbVendorState vendorState = new DynamoDbVendorState(dynamo, table);
            return new VendorAdapters(sources, secrets, ingest, store, vendorState, square,
                    new PublishedDriftReports(vendorState, clock), clock);
        }
    }

    /**
     * Priming (see {@link Priming#register(AwsClients, Runnable)}): what a first Shopify delivery
     * runs besides its I/O, on made-up data ({@link VendorAdapters#primingResult}), its reply, and
     * the invocation's metrics (dropped).
     */
    static void prime() {
        HttpEvents.answer(LOG, () -> AdapterReplies.of(VendorAdapters.primingResult()));
        Priming.telemetry();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> path = HttpEvents.pathParameters(event);
        String sourceId = path.getOrDefault("sourceId", "");
        String vendor = path.getOrDefault("vendor", HttpEvents.path(event).replaceAll(".*/adapters/", ""));
        Telemetry telemetry = Telemetry.start("VendorAdapter");
        try (var ignored = CloseableThreadContext.put("sourceId", sourceId).put("vendor", vendor)) {
            VendorAdapters.Request request = new VendorAdapters.Request(sourceId, HttpEvents.headers(event),
                    HttpEvents.body(event));
            return HttpEvents.answer(LOG, () -> switch (vendor) {
                case "shopify" -> AdapterReplies.of(adapters.shopify(request, telemetry));
                case "square" -> AdapterReplies.of(adapters.square(request, telemetry));
                default -> HttpEvents.notFound();
            });
        } finally {
            telemetry.flush();
        }
    }
}
