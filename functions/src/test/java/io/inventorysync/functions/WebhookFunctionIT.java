package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook's answers on real engines: signatures made by the official Standard Webhooks
 * library, every bad input with its status and code, and nothing queued or written when refused.
 */
class WebhookFunctionIT {
    private static final String POS = "pos-acme";
    private static final String STRICT = "pos-strict";
    private static final String SALE = """
            {"eventId":"till-1","type":"SALE","occurredAt":"2026-11-21T10:15:00Z","locationId":"store-12",
             "lines":[{"sku":"BLU-SHIRT-M","quantity":2}]}""";

    private IngestPipeline pipeline;
    private WebhookFunction webhook;
    private String secret;

    @BeforeEach
    void setUp() {
        pipeline = new IngestPipeline(LocalDynamoDb.client(), LocalSqs.client(), Clock.systemUTC());
        secret = pipeline.register(POS, Map.of("SKU-4471", "BLU-SHIRT-M"), Source.UnknownSkuPolicy.PASS_THROUGH);
        pipeline.register(STRICT, Map.of("SKU-4471", "BLU-SHIRT-M"), Source.UnknownSkuPolicy.REJECT);
        webhook = new WebhookFunction(new IngestService(pipeline.sources, pipeline.signingSecrets, pipeline.store,
                Clock.systemUTC()));
    }

    @Test
    void post_shouldQueueOneMessagePerMovement_whenSignedByTheSource() {
        // when
        APIGatewayV2HTTPResponse response = send(POS, SALE, Signer.headers(secret, SALE));
        // then
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        assertThat(json(response).path("accepted").get(0).path("eventId").asText()).isEqualTo("till-1");
        assertThat(json(response).path("accepted").get(0).path("status").asText()).isEqualTo("QUEUED");
        // the webhook sent nothing itself: the relay sends from the table's stream
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isZero();
        pipeline.relay();
        var messages = pipeline.sqs.receiveMessage(r -> r.queueUrl(pipeline.queues.url()).maxNumberOfMessages(10)
                .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL))
                .messages();
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.attributes().get(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .isEqualTo("BLU-SHIRT-M#store-12");
            assertThat(m.body()).contains("\"eventId\":\"till-1\"");
        });
    }

    @Test
    void post_shouldAccept_whenBodyIsBase64EncodedByApiGateway() {
        // when
        APIGatewayV2HTTPEvent event = IngestPipeline.request("POST", "/v1/sources/" + POS + "/events",
                Map.of("sourceId", POS), SALE, Signer.headers(secret, SALE), true);
        // then
        assertThat(webhook.handleRequest(event, null).getStatusCode()).isEqualTo(202);
    }

    @Test
    void post_shouldAccept_whenEitherOfTwoRotatingSecretsSigned() {
        // given: the source is mid-rotation, with the old and the new secret both valid
        String next = Signer.newSecret();
        pipeline.secrets.put(POS, secret + " " + next);
        // when / then
        assertThat(send(POS, SALE, Signer.headers(next, SALE)).getStatusCode()).isEqualTo(202);
        assertThat(send(POS, SALE, Signer.headers(secret, SALE)).getStatusCode()).isEqualTo(202);
    }

    static Stream<Arguments> badSignatures() {
        String other = Signer.newSecret();
        return Stream.of(
                Arguments.of("wrong secret", (SignatureCase) (s, body) -> Signer.headers(other, body)),
                Arguments.of("tampered body", (SignatureCase) (s, body) -> Signer.headers(s, body.replace("2}", "1}"))),
                Arguments.of("stale timestamp", (SignatureCase) (s, body) ->
                        Signer.headers(s, body, Instant.now().minus(Duration.ofMinutes(6)))),
                Arguments.of("future timestamp", (SignatureCase) (s, body) ->
                        Signer.headers(s, body, Instant.now().plus(Duration.ofMinutes(6)))),
                Arguments.of("missing headers", (SignatureCase) (s, body) -> Map.of("content-type", "application/json")),
                Arguments.of("missing signature", (SignatureCase) (s, body) -> without(Signer.headers(s, body), "webhook-signature")),
                Arguments.of("garbage signature", (SignatureCase) (s, body) ->
                        with(Signer.headers(s, body), "webhook-signature", "v1,bm90IGEgc2lnbmF0dXJl")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSignatures")
    void post_shouldAnswer401AndChangeNothing_whenSignatureIsBad(String name, SignatureCase headers) {
        // when
        APIGatewayV2HTTPResponse response = send(POS, SALE, headers.headers(secret, SALE));
        // then
        assertProblem(response, 401, "INVALID_SIGNATURE");
        assertNothingChanged();
    }

    static Stream<Arguments> badInputs() {
        String tooMany = "{\"events\":[" + IntStream.range(0, 101).mapToObj(i -> SALE.replace("till-1", "t-" + i))
                .collect(Collectors.joining(",")) + "]}";
        String oversized = "{\"events\":[],\"padding\":\"" + "x".repeat(IngestService.MAX_BODY_BYTES) + "\"}";
        return Stream.of(
                Arguments.of("invalid JSON", POS, "{\"eventId\":", 400, "INVALID_JSON", null),
                Arguments.of("wrong types", POS, SALE.replace("\"quantity\":2", "\"quantity\":\"2\""), 400, "INVALID_EVENT",
                        "lines[0].quantity"),
                Arguments.of("missing fields", POS, "{\"type\":\"SALE\"}", 400, "INVALID_EVENT", "eventId"),
                Arguments.of("101 events", POS, tooMany, 400, "INVALID_EVENT", "events"),
                Arguments.of("negative sale", POS, SALE.replace("\"quantity\":2", "\"quantity\":-2"), 400, "INVALID_EVENT",
                        "lines[0].quantity"),
                Arguments.of("duplicate SKUs", POS, SALE.replace("\"quantity\":2}]", "\"quantity\":2},{\"sku\":\"BLU-SHIRT-M\",\"quantity\":1}]"),
                        400, "INVALID_EVENT", "lines[1].sku"),
                Arguments.of("duplicate events in a batch", POS, "{\"events\":[" + SALE + "," + SALE + "]}", 400,
                        "INVALID_EVENT", "events[1].eventId"),
                Arguments.of("unknown SKU, reject policy", STRICT, SALE, 400, "UNKNOWN_SKU", "lines[0].sku"),
                Arguments.of("oversized body", POS, oversized, 413, "PAYLOAD_TOO_LARGE", null),
                Arguments.of("unknown source", "pos-nobody", SALE, 404, "UNKNOWN_SOURCE", null),
                Arguments.of("malformed source id", "POS_ACME", SALE, 404, "UNKNOWN_SOURCE", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void post_shouldAnswer4xxAndChangeNothing_whenInputIsBad(String name, String sourceId, String body, int status,
                                                            String code, String problemPath) {
        // given: a correctly signed request (with the source's secret when it has one)
        String key = pipeline.secrets.getOrDefault(sourceId, Signer.newSecret());
        // when
        APIGatewayV2HTTPResponse response = send(sourceId, body, Signer.headers(key, body));
        // then
        JsonNode problem = assertProblem(response, status, code);
        if (problemPath != null) {
            assertThat(problem.path("problems").findValuesAsText("path")).contains(problemPath);
        }
        assertNothingChanged();
    }

    @Test
    void post_shouldAnswer415_whenContentTypeIsNotJson() {
        // when
        APIGatewayV2HTTPResponse response = send(POS, SALE, with(Signer.headers(secret, SALE), "content-type", "text/plain"));
        // then
        assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertNothingChanged();
    }

    @Test
    void post_shouldListEveryProblemInOnePass_whenBatchHasSeveral() {
        // given
        String body = "{\"events\":[" + SALE.replace("\"quantity\":2", "\"quantity\":0") + ","
                + SALE.replace("till-1", "till-2").replace("store-12", "store 12") + "]}";
        // when
        JsonNode problem = assertProblem(send(POS, body, Signer.headers(secret, body)), 400, "INVALID_EVENT");
        // then
        assertThat(problem.path("problems").findValuesAsText("path"))
                .containsExactlyInAnyOrder("events[0].lines[0].quantity", "events[1].locationId");
        assertNothingChanged();
    }

    @Test
    void post_shouldRequeue_whenSameEventIsSentAgain_andRefuseADifferentBodyUnderItsId() {
        // given
        assertThat(send(POS, SALE, Signer.headers(secret, SALE)).getStatusCode()).isEqualTo(202);
        // when
        APIGatewayV2HTTPResponse repeat = send(POS, SALE, Signer.headers(secret, SALE));
        String changed = SALE.replace("\"quantity\":2", "\"quantity\":3");
        APIGatewayV2HTTPResponse reused = send(POS, changed, Signer.headers(secret, changed));
        String batch = "{\"events\":[" + SALE.replace("till-1", "till-new") + "," + changed + "]}";
        APIGatewayV2HTTPResponse batchWithReuse = send(POS, batch, Signer.headers(secret, batch));
        // then
        assertThat(repeat.getStatusCode()).isEqualTo(202);
        assertProblem(reused, 409, "IDEMPOTENCY_KEY_REUSED");
        assertProblem(batchWithReuse, 409, "IDEMPOTENCY_KEY_REUSED");
        assertThat(pipeline.store.receipt(POS, "till-new")).as("nothing of a refused batch is recorded").isEmpty();
    }

    @Test
    void post_shouldMapAliasesAndKeepBothNames_whenSourceUsesItsOwnSkus() {
        // given
        String body = SALE.replace("BLU-SHIRT-M", "SKU-4471");
        // when
        assertThat(send(POS, body, Signer.headers(secret, body)).getStatusCode()).isEqualTo(202);
        pipeline.relay();
        // then
        String message = pipeline.sqs.receiveMessage(r -> r.queueUrl(pipeline.queues.url())).messages().getFirst().body();
        assertThat(message).contains("\"sku\":\"BLU-SHIRT-M\"").contains("\"sourceSku\":\"SKU-4471\"");
    }

    @Test
    void status_shouldBeSignedAndScopedToTheSource() {
        // given
        send(POS, SALE, Signer.headers(secret, SALE));
        // when
        APIGatewayV2HTTPResponse unsigned = webhook.handleRequest(IngestPipeline.get(POS, "till-1", Map.of()), null);
        APIGatewayV2HTTPResponse otherSource = webhook.handleRequest(IngestPipeline.get(STRICT, "till-1",
                Signer.headers(pipeline.secrets.get(STRICT), "")), null);
        APIGatewayV2HTTPResponse unknown = webhook.handleRequest(IngestPipeline.get(POS, "nope",
                Signer.headers(secret, "")), null);
        // then
        assertProblem(unsigned, 401, "INVALID_SIGNATURE");
        assertProblem(otherSource, 404, "EVENT_NOT_FOUND");
        assertProblem(unknown, 404, "EVENT_NOT_FOUND");
    }

    @Test
    void post_shouldAnswer403OutOfScopeAndChangeNothing_whenAStoreTillCountsTheWarehouse() {
        // given: store-1's till, scoped to store-1*, registered through the same registry the admin route writes
        String till = pipeline.register(new Source("pos-store-1", io.inventorysync.settings.Settings.SOURCE_SECRET_PREFIX
                + "pos-store-1", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH).withLocations(List.of("store-1*")));
        String count = """
                {"events":[
                 {"eventId":"c-1","type":"SALE","occurredAt":"2026-11-21T10:15:00Z","locationId":"store-12",
                  "lines":[{"sku":"BLU-SHIRT-M","quantity":1}]},
                 {"eventId":"c-2","type":"COUNT","occurredAt":"2026-11-21T10:15:00Z","locationId":"web-dc",
                  "lines":[{"sku":"BLU-SHIRT-M","quantity":0}]},
                 {"eventId":"c-3","type":"TRANSFER_OUT","occurredAt":"2026-11-21T10:15:00Z","locationId":"store-1",
                  "toLocationId":"store-2","lines":[{"sku":"BLU-SHIRT-M","quantity":1}]}]}""";
        // when
        APIGatewayV2HTTPResponse response = send("pos-store-1", count, Signer.headers(till, count));
        // then: the whole request is refused, each path named; nothing queued, no receipt
        JsonNode problem = assertProblem(response, 403, "OUT_OF_SCOPE");
        assertThat(problem.path("problems").findValuesAsText("path"))
                .containsExactly("events[1].locationId", "events[2].toLocationId");
        assertNothingChanged();
    }

    /**
     * Secrets Manager failing (an internal error, throttling, a timeout) in a container that has read no
     * key of the source: the store is unavailable, {@code 503 STORE_UNAVAILABLE} without the SDK's text,
     * nothing queued or written (not even the request id's claim), so the same request once the vault
     * answers is accepted as the first.
     */
    @ParameterizedTest
    @MethodSource("io.inventorysync.testing.SecretsManagerFaults#failures")
    void post_shouldAnswer503AndWriteNothing_whenTheSigningKeysCannotBeRead(
            software.amazon.awssdk.core.exception.SdkException failure) {
        // given
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        WebhookFunction failing = new WebhookFunction(new IngestService(pipeline.sources,
                io.inventorysync.testing.SecretsManagerFaults.signingSecrets(failure, down, pipeline.signingSecrets),
                pipeline.store, Clock.systemUTC()));
        Map<String, String> headers = Signer.headers(secret, SALE);
        // when
        APIGatewayV2HTTPResponse posted;
        APIGatewayV2HTTPResponse status;
        List<String> logged;
        try (io.inventorysync.testing.LogCapture log = new io.inventorysync.testing.LogCapture()) {
            posted = failing.handleRequest(IngestPipeline.post(POS, SALE, headers), null);
            status = failing.handleRequest(IngestPipeline.get(POS, "till-1", Signer.headers(secret, "")), null);
            logged = log.lines();
        }
        // then: the log names the source and the SDK's error code, never the secret's name or ARN (nor its text)
        assertThat(logged).isNotEmpty().anySatisfy(line -> assertThat(line).contains("source " + POS)
                .contains(failure instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s
                        ? s.awsErrorDetails().errorCode() : failure.getClass().getSimpleName()));
        assertThat(logged).allSatisfy(line -> assertThat(line).doesNotContain("inventory-sync/sources")
                .doesNotContain("arn:aws:secretsmanager").doesNotContain("Rate exceeded").doesNotContain("internal failure")
                .doesNotContain(secret));
        for (APIGatewayV2HTTPResponse response : List.of(posted, status)) {
            assertProblem(response, 503, "STORE_UNAVAILABLE");
            assertThat(response.getBody()).doesNotContain("secretsmanager").doesNotContain("inventory-sync/sources")
                    .doesNotContain("Rate exceeded").doesNotContain("internal failure");
        }
        pipeline.relay();
        assertThat(pipeline.queueDepth(pipeline.queues.url())).as("messages queued, relayed included").isZero();
        assertThat(pipeline.dynamo.scan(r -> r.tableName(pipeline.table)).items())
                .allSatisfy(item -> assertThat(item.get("itemType").s()).isEqualTo("SOURCE"));
        // when: the vault answers again, the sender retries the same request
        down.set(false);
        APIGatewayV2HTTPResponse retried = failing.handleRequest(IngestPipeline.post(POS, SALE, headers), null);
        // then
        assertThat(retried.getStatusCode()).as(retried.getBody()).isEqualTo(202);
    }

    private APIGatewayV2HTTPResponse send(String sourceId, String body, Map<String, String> headers) {
        return webhook.handleRequest(IngestPipeline.post(sourceId, body, headers), null);
    }

    private JsonNode assertProblem(APIGatewayV2HTTPResponse response, int status, String code) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode body = json(response);
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("whsec_");
        return body;
    }

    private void assertNothingChanged() {
        pipeline.relay();
        assertThat(pipeline.queueDepth(pipeline.queues.url())).as("messages queued, relayed included").isZero();
        // The claim of an authenticated request's id is no change of state: it only binds the id to
        // this route until the signature's window has passed (TTL), so it cannot be replayed elsewhere.
        assertThat(pipeline.dynamo.scan(r -> r.tableName(pipeline.table)).items())
                .as("items other than source configuration and request-id claims")
                .allSatisfy(item -> assertThat(item.get("itemType").s()).isIn("SOURCE", "REQUEST"));
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> headers, String name) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.remove(name);
        return copy;
    }

    @FunctionalInterface
    interface SignatureCase {
        Map<String, String> headers(String secret, String body);
    }
}
