package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.inventorysync.channels.ChannelPools;
import io.inventorysync.reconcile.SnapshotService;
import io.inventorysync.reconcile.SqsReconcileQueue;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.util.Map;

/**
 * {@code POST /v1/sources/{sourceId}/snapshots} and {@code GET /v1/sources/{sourceId}/snapshots/{snapshotId}}
 * (contract v1.1), signed by the source. Thin: extracts the request, calls {@link SnapshotService},
 * maps its result ({@link SnapshotReplies}).
 */
public final class SnapshotsFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LogManager.getLogger(SnapshotsFunction.class);

    private final SnapshotService snapshots;

    /** Lambda's entry: everything is built once per container, from the environment. */
    public SnapshotsFunction() {
        this(Container.SNAPSHOTS);
    }

    /** For a runtime that hands the function its environment as Lambda would (the local cloud). */
    public SnapshotsFunction(Environment env) {
        this(Wiring.snapshots(new AwsClients(env)));
    }

    SnapshotsFunction(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final SnapshotService SNAPSHOTS = Wiring.snapshots(AWS);

        static {
            Priming.register(AWS);
        }
    }

    /** How the function is built: once per container, or from an environment it is given. */
    private static final class Wiring {
        static SnapshotService snapshots(AwsClients aws) {
            var dynamo = aws.dynamoDb();
            String table = aws.env(Settings.TABLE_NAME);
            Clock clock = Clock.systemUTC();
            return new SnapshotService(new io.inventorysync.store.DynamoDbSourceRegistry(dynamo, table),
                    aws.signingSecrets(clock),
                    // The store's request-id claims only: the route claims ids, reads and writes nothing else of the store.
                    new io.inventorysync.store.DynamoDbRequestClaims(dynamo, table),
                    new io.inventorysync.store.DynamoDbSnapshots(dynamo, table),
                    new SqsReconcileQueue(aws.sqs(), aws.env(Settings.RECONCILE_QUEUE_URL)),
                    io.inventorysync.domain.SnapshotPolicy::of,
                    ChannelPools.parse(aws.env(Settings.CHANNEL_POOLS, "")).keySet(), clock);
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> path = HttpEvents.pathParameters(event);
        String sourceId = path.getOrDefault("sourceId", "");
        String method = HttpEvents.method(event);
        try (var ignored = CloseableThreadContext.put("sourceId", sourceId)
                .put("snapshotId", path.getOrDefault("snapshotId", ""))) {
            SnapshotService.Request request = new SnapshotService.Request(sourceId, HttpEvents.headers(event),
                    HttpEvents.body(event), method + " " + HttpEvents.path(event));
            return HttpEvents.answer(LOG, () -> {
                if ("GET".equals(method) && path.containsKey("snapshotId")) {
                    return SnapshotReplies.of(snapshots.status(request, path.get("snapshotId")));
                }
                if ("POST".equals(method) && !path.containsKey("snapshotId")) {
                    return SnapshotReplies.of(snapshots.receive(request));
                }
                return HttpEvents.notFound();
            });
        }
    }
}
