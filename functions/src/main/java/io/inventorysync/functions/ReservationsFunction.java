package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.auth.Storefronts;
import io.inventorysync.reservations.ReservationService;
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

/**
 * {@code POST /v1/reservations}, {@code POST /v1/reservations/{id}/commit},
 * {@code POST /v1/reservations/{id}/release}, {@code POST /v1/reservations/{id}/fulfil},
 * {@code POST /v1/reservations/{id}/cancel}, {@code GET /v1/reservations/{id}}. Thin: routes to
 * {@link ReservationService}, maps its outcome ({@link ReservationReplies}).
 */
public final class ReservationsFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LogManager.getLogger(ReservationsFunction.class);

    private final ReservationService reservations;

    /** Lambda's entry: everything is built once per container, from the environment. */
    public ReservationsFunction() {
        this(Container.RESERVATIONS);
    }

    /**
     * For a runtime that hands the function its environment as Lambda would (the local cloud):
     * builds the function's own clients from it, reading nothing JVM-wide.
     */
    public ReservationsFunction(Environment env) {
        this(Wiring.reservations(new AwsClients(env)));
    }

    ReservationsFunction(ReservationService reservations) {
        this.reservations = reservations;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final ReservationService RESERVATIONS = Wiring.reservations(AWS);

        static {
            Priming.register(AWS, ReservationsFunction::prime);
        }
    }

    /** How the function is built: once per container, or from an environment it is given. */
    private static final class Wiring {
        static ReservationService reservations(AwsClients aws) {
            DynamoDbClient dynamo = aws.dynamoDb();
            String table = aws.env(Settings.TABLE_NAME);
            Clock clock = Clock.systemUTC();
            DynamoDbSourceRegistry sources = new DynamoDbSourceRegistry(dynamo, table);
            return new ReservationService(
                    new SourceAuthenticator(sources, aws.signingSecrets(clock)),
                    DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).clock(clock).build(),
                    new Storefronts(sources, clock), clock);
        }
    }

    /**
     * Priming (see {@link Priming#register(AwsClients, Runnable)}): what a first create runs besides
     * its I/O, on made-up data ({@link ReservationService#primingOutcomes}), its replies, and the
     * invocation's metrics (dropped).
     */
    static void prime() {
        for (var outcome : ReservationService.primingOutcomes()) {
            HttpEvents.answer(LOG, () -> ReservationReplies.of(outcome));
        }
        Priming.telemetry();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String id = HttpEvents.pathParameters(event).get("reservationId");
        String method = HttpEvents.method(event);
        String path = HttpEvents.path(event);
        Telemetry telemetry = Telemetry.start("Reservations");
        try (var ignored = CloseableThreadContext.put("reservationId", id == null ? "" : id)) {
            ReservationService.Request request = new ReservationService.Request(HttpEvents.headers(event),
                    HttpEvents.body(event), method + " " + path);
            return HttpEvents.answer(LOG, () -> {
                if (id == null) {
                    return method.equals("POST") ? ReservationReplies.of(reservations.create(request, telemetry))
                            : HttpEvents.notFound();
                }
                return switch (method) {
                    case "GET" -> ReservationReplies.of(reservations.get(request, id));
                    case "POST" -> path.endsWith("/commit")
                            ? ReservationReplies.of(reservations.commit(request, id, telemetry))
                            : path.endsWith("/release")
                            ? ReservationReplies.of(reservations.release(request, id, telemetry))
                            : path.endsWith("/fulfil")
                            ? ReservationReplies.of(reservations.fulfil(request, id, telemetry))
                            : path.endsWith("/cancel")
                            ? ReservationReplies.of(reservations.cancel(request, id, telemetry))
                            : HttpEvents.notFound();
                    default -> HttpEvents.notFound();
                };
            });
        } finally {
            telemetry.flush();
        }
    }
}
