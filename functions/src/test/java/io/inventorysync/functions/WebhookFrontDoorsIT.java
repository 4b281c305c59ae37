package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.domain.Source;
import io.inventorysync.http.Json;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import io.inventorysync.testing.Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook through its two front doors on real engines: the HTTP API (path parameters, decoded)
 * and its function URL (route key {@code $default}, no path parameters, the raw path percent-encoded).
 * The same request gets the same answer through either; through the URL, anything that is not one of
 * the webhook's two routes is {@code 404 ROUTE_NOT_FOUND} and changes nothing.
 */
class WebhookFrontDoorsIT {
    private static final String POS = "pos-acme";
    private static final String EVENT_ID = "pos-order/889+1";
    private static final String SALE = """
            {"eventId":"pos-order/889+1","type":"SALE","occurredAt":"2026-11-21T10:15:00Z","locationId":"store-12",
             "lines":[{"sku":"BLU-SHIRT-M","quantity":2}]}""";

    private IngestPipeline pipeline;
    private WebhookFunction webhook;
    private String secret;

    @BeforeEach
    void setUp() {
        pipeline = new IngestPipeline(LocalDynamoDb.client(), LocalSqs.client(), Clock.systemUTC());
        secret = pipeline.register(POS, Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH);
        webhook = new WebhookFunction(new IngestService(pipeline.sources, pipeline.signingSecrets, pipeline.store,
                Clock.systemUTC()));
    }

    /**
     * Requests both doors route to the webhook: the raw path as the client sends it to the URL, the
     * path parameters as the HTTP API hands them over (decoded), the query string, a base64 body.
     */
    static Stream<Arguments> routed() {
        return Stream.of(
                Arguments.of("post", "POST", "/v1/sources/pos-acme/events", "", Map.of("sourceId", POS), false),
                Arguments.of("post, percent-encoded source id", "POST", "/v1/sources/pos%2Dacme/events", "",
                        Map.of("sourceId", POS), false),
                Arguments.of("post, lower-case escape in a literal segment", "POST", "/v1/sources/pos-acme/%65vents", "",
                        Map.of("sourceId", POS), false),
                Arguments.of("post with a query string", "POST", "/v1/sources/pos-acme/events", "debug=1&x=%20",
                        Map.of("sourceId", POS), false),
                Arguments.of("post, base64 body", "POST", "/v1/sources/pos-acme/events", "", Map.of("sourceId", POS), true),
                Arguments.of("status, event id with an encoded slash and a plus", "GET",
                        "/v1/sources/pos-acme/events/pos-order%2F889+1", "", Map.of("sourceId", POS, "eventId", EVENT_ID),
                        false),
                Arguments.of("status, every character encoded", "GET",
                        "/v1/sources/%70%6F%73-acme/events/pos-order%2f889%2B1", "",
                        Map.of("sourceId", POS, "eventId", EVENT_ID), false),
                Arguments.of("status of an event never sent", "GET", "/v1/sources/pos-acme/events/till-%C3%A9", "",
                        Map.of("sourceId", POS, "eventId", "till-é"), false),
                Arguments.of("post for an unknown source", "POST", "/v1/sources/pos-nobody/events", "",
                        Map.of("sourceId", "pos-nobody"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routed")
    void request_shouldGetTheSameAnswer_whenSentThroughEitherDoor(String name, String method, String rawPath,
                                                                  String query, Map<String, String> parameters,
                                                                  boolean base64) {
        // given: the sale was accepted once before, so the status routes have something to find
        Map<String, String> first = Signer.headers(secret, SALE);
        assertThat(webhook.handleRequest(IngestPipeline.post(POS, SALE, first), null).getStatusCode()).isEqualTo(202);
        String body = method.equals("POST") ? SALE : null;
        Map<String, String> headers = Signer.headers(secret, body == null ? "" : body);
        // when: the same request (same request id) through the URL, then through the HTTP API
        APIGatewayV2HTTPResponse viaUrl = webhook.handleRequest(
                IngestPipeline.functionUrl(method, rawPath, query, body, headers, base64), null);
        APIGatewayV2HTTPResponse viaApi = webhook.handleRequest(
                IngestPipeline.request(method, decoded(rawPath), parameters, body, headers, base64), null);
        // then
        assertThat(viaUrl.getStatusCode()).as(viaUrl.getBody()).isIn(202, 200, 404);
        assertThat(viaUrl.getStatusCode()).as(viaUrl.getBody()).isEqualTo(viaApi.getStatusCode());
        assertThat(viaUrl.getHeaders()).isEqualTo(viaApi.getHeaders());
        assertThat(json(viaUrl)).isEqualTo(json(viaApi));
        assertThat(json(viaUrl).path("code").asText()).isNotEqualTo("ROUTE_NOT_FOUND");
        if (method.equals("GET") && name.contains("slash")) {
            assertThat(json(viaUrl).path("eventId").asText()).isEqualTo(EVENT_ID);
        }
    }

    /** What the URL receives that is none of the webhook's routes (the HTTP API would route none of these to it). */
    static Stream<Arguments> notRouted() {
        return Stream.of(
                Arguments.of("wrong method on the ingest path", "PUT", "/v1/sources/pos-acme/events"),
                Arguments.of("wrong method on the status path", "POST", "/v1/sources/pos-acme/events/till-1"),
                Arguments.of("GET of the ingest path", "GET", "/v1/sources/pos-acme/events"),
                Arguments.of("trailing slash", "POST", "/v1/sources/pos-acme/events/"),
                Arguments.of("double slash, empty source id", "POST", "/v1/sources//events"),
                Arguments.of("double slash, leading", "POST", "//v1/sources/pos-acme/events"),
                Arguments.of("dot-dot as the source id", "POST", "/v1/sources/../events"),
                Arguments.of("encoded dot-dot as the source id", "POST", "/v1/sources/%2E%2E/events"),
                Arguments.of("dot as the event id", "GET", "/v1/sources/pos-acme/events/."),
                Arguments.of("dot-dot climbing out", "POST", "/v1/sources/pos-acme/events/../../../reservations"),
                Arguments.of("malformed escape", "POST", "/v1/sources/pos%zzacme/events"),
                Arguments.of("escape cut short", "GET", "/v1/sources/pos-acme/events/till%2"),
                Arguments.of("escape that is not UTF-8", "GET", "/v1/sources/pos-acme/events/till%FF"),
                Arguments.of("literal segment in another case", "POST", "/v1/Sources/pos-acme/events"),
                Arguments.of("a reservation route", "POST", "/v1/reservations"),
                Arguments.of("a reservation commit", "POST", "/v1/reservations/chk-1/commit"),
                Arguments.of("an admin route", "PUT", "/v1/admin/sources/pos-acme"),
                Arguments.of("an admin secret rotation", "POST", "/v1/admin/sources/pos-acme/secrets"),
                Arguments.of("a vendor adapter route (another function)", "POST", "/v1/sources/pos-acme/adapters/shopify"),
                Arguments.of("a snapshot route (another function)", "POST", "/v1/sources/pos-acme/snapshots"),
                Arguments.of("the read API", "GET", "/v1/inventory/BLU-SHIRT-M"),
                Arguments.of("the root", "GET", "/"),
                Arguments.of("an empty path", "POST", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notRouted")
    void url_shouldAnswer404RouteNotFoundAndChangeNothing_whenThePathIsNotAWebhookRoute(String name, String method,
                                                                                          String rawPath) {
        // given: a correctly signed request, so only the route can refuse it
        Map<String, String> headers = Signer.headers(secret, SALE);
        // when
        APIGatewayV2HTTPResponse response = webhook.handleRequest(
                IngestPipeline.functionUrl(method, rawPath, "", SALE, headers, false), null);
        // then
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(404);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(json(response).path("code").asText()).isEqualTo("ROUTE_NOT_FOUND");
        assertThat(json(response).path("status").asInt()).isEqualTo(404);
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("whsec_");
        pipeline.relay();
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isZero();
        assertThat(pipeline.dynamo.scan(r -> r.tableName(pipeline.table)).items())
                .as("not even the request id's claim")
                .allSatisfy(item -> assertThat(item.get("itemType").s()).isEqualTo("SOURCE"));
    }

    @Test
    void url_shouldRefuseABadSignature_asTheHttpApiDoes() {
        // given: signed with another key
        Map<String, String> headers = Signer.headers(Signer.newSecret(), SALE);
        // when
        APIGatewayV2HTTPResponse viaUrl = webhook.handleRequest(
                IngestPipeline.functionUrl("POST", "/v1/sources/pos-acme/events", "", SALE, headers, false), null);
        APIGatewayV2HTTPResponse viaApi = webhook.handleRequest(IngestPipeline.post(POS, SALE, headers), null);
        // then
        assertThat(viaUrl.getStatusCode()).isEqualTo(401);
        assertThat(json(viaUrl).path("code").asText()).isEqualTo("INVALID_SIGNATURE");
        assertThat(json(viaUrl)).isEqualTo(json(viaApi));
        assertThat(pipeline.store.receipt(POS, EVENT_ID)).isEmpty();
    }

    @Test
    void requestId_shouldBeBoundToItsRouteAcrossDoors_whenUsedThroughTheUrlFirst() {
        // given: a sale posted through the URL, its source id percent-encoded
        Map<String, String> headers = Signer.headers(secret, SALE);
        assertThat(webhook.handleRequest(IngestPipeline.functionUrl("POST", "/v1/sources/pos%2dacme/events", "",
                SALE, headers, false), null).getStatusCode()).isEqualTo(202);
        // when: the sender's retry through the HTTP API, and the same request id on the status route
        APIGatewayV2HTTPResponse retry = webhook.handleRequest(IngestPipeline.post(POS, SALE, headers), null);
        APIGatewayV2HTTPResponse elsewhere = webhook.handleRequest(IngestPipeline.request("GET",
                "/v1/sources/pos-acme/events/" + EVENT_ID, Map.of("sourceId", POS, "eventId", EVENT_ID), SALE,
                headers, false), null);
        // then: the retry is the same request (accepted, the event once); the other route refuses the id
        assertThat(retry.getStatusCode()).as(retry.getBody()).isEqualTo(202);
        assertThat(elsewhere.getStatusCode()).as(elsewhere.getBody()).isEqualTo(401);
        assertThat(json(elsewhere).path("code").asText()).isEqualTo("INVALID_SIGNATURE");
        // the same code a bad signature gets: the detail tells a reused id apart
        assertThat(json(elsewhere).path("detail").asText())
                .isEqualTo("This webhook-id was already used on another route: sign each request afresh.");
        pipeline.relay();
        assertThat(pipeline.queueDepth(pipeline.queues.url())).as("one movement queued").isEqualTo(1);
    }

    /** The path the HTTP API hands over (decoded): only a label here, the webhook routes on its parameters. */
    private static String decoded(String rawPath) {
        StringBuilder path = new StringBuilder();
        for (String segment : rawPath.split("/", -1)) {
            if (!path.isEmpty() || !segment.isEmpty()) {
                path.append('/').append(HttpEvents.percentDecoded(segment).orElseThrow());
            }
        }
        return path.toString();
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
