package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.inventorysync.availability.AvailabilityResult;
import io.inventorysync.availability.ChannelAvailabilityService;
import io.inventorysync.channels.ChannelPools;
import io.inventorysync.query.InventoryQueryService;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbChannelAvailabilities;
import io.inventorysync.store.DynamoDbInventoryStore;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /v1/inventory/{sku}}, {@code GET /v1/inventory/{sku}/locations/{locationId}} and
 * {@code GET /v1/channels/{channel}/availability/{sku}}.
 * Callers are authenticated by API Gateway (IAM, SigV4) before this runs.
 */
public final class InventoryQueryFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LogManager.getLogger(InventoryQueryFunction.class);

    private final InventoryQueryService query;
    private final ChannelAvailabilityService channels;

    /** Lambda's entry: everything is built once per container, from the environment. */
    public InventoryQueryFunction() {
        this(Container.QUERY, Container.CHANNELS);
    }

    /**
     * For a runtime that hands the function its environment as Lambda would (the local cloud):
     * builds the function's own clients from it, reading nothing JVM-wide.
     */
    public InventoryQueryFunction(Environment env) {
        this(new AwsClients(env));
    }

    private InventoryQueryFunction(AwsClients aws) {
        this(Wiring.query(aws), Wiring.channels(aws));
    }

    /** @param channels the channels' numbers, or {@code null} when no channel has a pool */
    InventoryQueryFunction(InventoryQueryService query, ChannelAvailabilityService channels) {
        this.query = query;
        this.channels = channels;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final InventoryQueryService QUERY = Wiring.query(AWS);
        static final ChannelAvailabilityService CHANNELS = Wiring.channels(AWS);

        static {
            Priming.register(AWS);
        }
    }

    /** How the function is built: once per container, or from an environment it is given. */
    private static final class Wiring {
        static InventoryQueryService query(AwsClients aws) {
            return new InventoryQueryService(DynamoDbInventoryStore.builder()
                    .dynamoDbClient(aws.dynamoDb()).tableName(aws.env(Settings.TABLE_NAME)).build());
        }

        static ChannelAvailabilityService channels(AwsClients aws) {
            return new ChannelAvailabilityService(ChannelPools.parse(aws.env(Settings.CHANNEL_POOLS, "")),
                    new DynamoDbChannelAvailabilities(aws.dynamoDb(), aws.env(Settings.TABLE_NAME)), Clock.systemUTC(),
                    Settings.CHANNEL_AVAILABILITY_READS);
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> path = HttpEvents.pathParameters(event);
        return HttpEvents.answer(LOG, () -> {
            if (!HttpEvents.method(event).equals("GET") || !path.containsKey("sku")) {
                return HttpEvents.notFound();
            }
            if (path.containsKey("channel")) {
                return AvailabilityReplies.of(channels == null ? new AvailabilityResult.ChannelNotFound(path.get("channel"))
                        : channels.read(path.get("channel"), path.get("sku")));
            }
            return QueryReplies.of(path.containsKey("locationId") ? query.level(path.get("sku"), path.get("locationId"))
                    : query.sku(path.get("sku")));
        });
    }
}
