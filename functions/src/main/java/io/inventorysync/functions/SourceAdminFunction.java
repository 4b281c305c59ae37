package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.inventorysync.admin.SecretsManagerVault;
import io.inventorysync.admin.SourceAdminService;
import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.http.HttpReply;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbSourceRegistry;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.Map;
import java.util.function.Function;

/**
 * {@code PUT /v1/admin/sources/{sourceId}}, {@code GET /v1/admin/sources/{sourceId}} and
 * {@code POST /v1/admin/sources/{sourceId}/secrets} (AWS IAM on AWS, checked by API Gateway; open in
 * the local cloud). Thin: reads the JSON body, calls {@link SourceAdminService}, maps its result
 * ({@link AdminReplies}). The only function that may write source items and secret values.
 */
public final class SourceAdminFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LogManager.getLogger(SourceAdminFunction.class);

    private final SourceAdminService admin;

    /** Lambda's entry: everything is built once per container, from the environment. */
    public SourceAdminFunction() {
        this(Container.ADMIN);
    }

    /** For a runtime that hands the function its environment as Lambda would (the local cloud). */
    public SourceAdminFunction(Environment env) {
        this(Wiring.admin(new AwsClients(env)));
    }

    SourceAdminFunction(SourceAdminService admin) {
        this.admin = admin;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final SourceAdminService ADMIN = Wiring.admin(AWS);

        static {
            Priming.register(AWS, () -> prime(new SourceAdminFunction(ADMIN)));
        }
    }

    /** A source as the offline store answers {@code GetItem} while priming. */
    private static final String PRIME_SOURCE = "{\"Item\":{\"PK\":{\"S\":\"SOURCE#prime\"},\"SK\":{\"S\":\"SOURCE\"},"
            + "\"itemType\":{\"S\":\"SOURCE\"},\"sourceId\":{\"S\":\"prime\"},\"secretRef\":{\"S\":\"prime\"},"
            + "\"skuAliases\":{\"M\":{\"P\":{\"S\":\"PRIME\"}}},\"unknownSkus\":{\"S\":\"REJECT\"},"
            + "\"locations\":{\"L\":[{\"S\":\"prime\"}]},\"eventTypes\":{\"L\":[{\"S\":\"SALE\"}]},"
            + "\"canReserve\":{\"BOOL\":true},\"driftThreshold\":{\"N\":\"1\"}}}";

    /**
     * Priming (offline, see {@link Priming#register(AwsClients, Runnable)}): an operator's first
     * requests through this handler, on a source the offline store answers: a read (found), a
     * replacement and a new key, both refused by validation, so nothing is written or logged and
     * no secret is read. Nothing here caches what it read.
     */
    static int prime(SourceAdminFunction function) {
        String path = "/v1/admin/sources/prime";
        Map<String, String> id = Map.of("sourceId", "prime");
        return Priming.answering(Map.of("DynamoDB_20120810.GetItem", PRIME_SOURCE), () ->
                function.handleRequest(Priming.request("GET", path, id, null), null).getStatusCode()
                + function.handleRequest(Priming.request("PUT", path, id, "{\"aliases\":{\"P\":\"PRIME\"},"
                        + "\"unknownSkus\":\"PRIME\",\"locations\":[\"prime\"],\"eventTypes\":[\"SALE\"],"
                        + "\"canReserve\":true,\"driftThreshold\":1}"), null).getStatusCode()
                + function.handleRequest(Priming.request("POST", path + "/secrets", id, "{\"revokeOthers\":\"PRIME\"}"),
                        null).getStatusCode());
    }

    /** How the function is built: once per container, or from an environment it is given. */
    private static final class Wiring {
        static SourceAdminService admin(AwsClients aws) {
            String prefix = aws.env(Settings.SOURCE_SECRET_PREFIX_VARIABLE, Settings.SOURCE_SECRET_PREFIX);
            return new SourceAdminService(new DynamoDbSourceRegistry(aws.dynamoDb(), aws.env(Settings.TABLE_NAME)),
                    new SecretsManagerVault(aws.secretsManager()), prefix);
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String sourceId = HttpEvents.pathParameters(event).getOrDefault("sourceId", "");
        String method = HttpEvents.method(event);
        boolean secrets = HttpEvents.path(event).endsWith("/secrets");
        try (var ignored = CloseableThreadContext.put("sourceId", sourceId)) {
            return HttpEvents.answer(LOG, () -> switch (method) {
                case "GET" -> secrets ? HttpEvents.notFound() : AdminReplies.of(admin.get(sourceId));
                case "PUT" -> secrets ? HttpEvents.notFound()
                        : withJson(event, false, json -> AdminReplies.of(admin.put(sourceId, json)));
                case "POST" -> secrets ? withJson(event, true, json -> AdminReplies.of(admin.addSecret(sourceId, json)))
                        : HttpEvents.notFound();
                default -> HttpEvents.notFound();
            });
        }
    }

    /** The body as parsed JSON ({@code null} for an empty body where {@code optional}), or the problem with it. */
    private static HttpReply withJson(APIGatewayV2HTTPEvent event, boolean optional, Function<Object, HttpReply> then) {
        byte[] body = HttpEvents.body(event);
        if (optional && SignedJsonRequest.isBlank(body)) {
            return then.apply(null);
        }
        // The signed routes' media type and JSON steps: API Gateway has checked the IAM signature.
        return switch (SignedJsonRequest.content(null, HttpEvents.headers(event), body)) {
            case SignedJsonRequest.Read read -> then.apply(read.json());
            case SignedJsonRequest.Refused refused -> SignedRequestReplies.of(refused, "Send application/json.");
        };
    }
}
