package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.http.Json;
import io.inventorysync.reservations.ReservationService;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import io.inventorysync.testing.MutableClock;
import io.inventorysync.testing.Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The reservation routes through the real handler on DynamoDB Local, every answer of contract v1 and v1.1. */
class ReservationsFunctionIT {
    private static final String SHOP = "shop-web";
    private static final String OTHER_SHOP = "shop-outlet";
    private static final String HOLD = """
            {"reservationId":"chk-9f2","locationId":"web-dc","ttlSeconds":900,
             "lines":[{"sku":"BLU-SHIRT-M","quantity":2},{"sku":"RED-SOCK","quantity":1}]}""";

    private MutableClock clock;
    private InventoryStore store;
    private ReservationsFunction function;
    private IngestPipeline pipeline;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        pipeline = new IngestPipeline(LocalDynamoDb.client(), LocalSqs.client(), clock);
        pipeline.registerStorefront(SHOP);
        pipeline.registerStorefront(OTHER_SHOP);
        pipeline.register("pos-acme", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH);
        store = DynamoDbInventoryStore.builder().dynamoDbClient(pipeline.dynamo).tableName(pipeline.table).clock(clock)
                .build();
        function = new ReservationsFunction(new ReservationService(
                new SourceAuthenticator(pipeline.sources, pipeline.signingSecrets), store, new io.inventorysync.auth.Storefronts(pipeline.sources, clock), clock));
        store.apply(Events.one("rcv-1", ChangeType.RECEIPT, clock.instant(), "web-dc", "BLU-SHIRT-M", 5));
        store.apply(Events.one("rcv-2", ChangeType.RECEIPT, clock.instant(), "web-dc", "RED-SOCK", 1));
    }

    @Test
    void create_shouldHoldEveryLine_andRepeatTheSame201() {
        // when
        APIGatewayV2HTTPResponse created = post("/v1/reservations", HOLD, SHOP);
        APIGatewayV2HTTPResponse repeated = post("/v1/reservations", HOLD, SHOP);
        // then
        assertThat(created.getStatusCode()).isEqualTo(201);
        JsonNode body = json(created);
        assertThat(body.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(body.path("expiresAt").asText()).isEqualTo("2026-11-22T10:15:00Z");
        assertThat(repeated.getStatusCode()).isEqualTo(201);
        assertThat(json(repeated)).isEqualTo(body);
        assertThat(level("BLU-SHIRT-M").reserved()).isEqualTo(2);
        assertThat(level("RED-SOCK").available()).isZero();
    }

    @Test
    void create_shouldAnswer409WithEveryShortLine_andHoldNothing() {
        // given
        String tooMuch = HOLD.replace("\"quantity\":1", "\"quantity\":3");
        // when
        APIGatewayV2HTTPResponse response = post("/v1/reservations", tooMuch, SHOP);
        // then
        JsonNode problem = assertProblem(response, 409, "INSUFFICIENT_STOCK");
        assertThat(problem.path("lines")).hasSize(1);
        assertThat(problem.path("lines").get(0).path("sku").asText()).isEqualTo("RED-SOCK");
        assertThat(problem.path("lines").get(0).path("requested").asLong()).isEqualTo(3);
        assertThat(problem.path("lines").get(0).path("available").asLong()).isEqualTo(1);
        assertUnchanged();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ttl too short|\"ttlSeconds\":900|\"ttlSeconds\":59|400|INVALID_RESERVATION",
            "ttl too long|\"ttlSeconds\":900|\"ttlSeconds\":86401|400|INVALID_RESERVATION",
            "zero quantity|\"quantity\":2|\"quantity\":0|400|INVALID_RESERVATION",
            "missing location|\"locationId\":\"web-dc\",||400|INVALID_RESERVATION",
            "invalid JSON|\"lines\"|lines|400|INVALID_JSON"})
    void create_shouldAnswer4xxAndChangeNothing_whenRequestIsBad(String name, String from, String to, int status,
                                                                String code) {
        // when
        APIGatewayV2HTTPResponse response = post("/v1/reservations", HOLD.replace(from, to == null ? "" : to), SHOP);
        // then
        assertProblem(response, status, code);
        assertUnchanged();
    }

    @Test
    void create_shouldRefuseReuseOfTheIdWithAnotherBody_andUnsignedOrOtherSourcesRequests() {
        // given
        post("/v1/reservations", HOLD, SHOP);
        // when
        APIGatewayV2HTTPResponse reused = post("/v1/reservations", HOLD.replace("\"quantity\":2", "\"quantity\":1"), SHOP);
        APIGatewayV2HTTPResponse unsigned = function.handleRequest(IngestPipeline.request("POST", "/v1/reservations",
                Map.of(), HOLD, Map.of("content-type", "application/json"), false), null);
        APIGatewayV2HTTPResponse posSigned = post("/v1/reservations", HOLD.replace("chk-9f2", "chk-pos"), "pos-acme");
        // then
        assertProblem(reused, 409, "IDEMPOTENCY_KEY_REUSED");
        assertProblem(unsigned, 401, "INVALID_SIGNATURE");
        assertProblem(posSigned, 401, "INVALID_SIGNATURE");
        assertThat(level("BLU-SHIRT-M").reserved()).isEqualTo(2);
    }

    @Test
    void commit_shouldSellTheHold_idempotently_andRefuseARelease() {
        // given
        post("/v1/reservations", HOLD, SHOP);
        // when
        APIGatewayV2HTTPResponse committed = post("/v1/reservations/chk-9f2/commit", "", SHOP);
        APIGatewayV2HTTPResponse again = post("/v1/reservations/chk-9f2/commit", "", SHOP);
        APIGatewayV2HTTPResponse release = post("/v1/reservations/chk-9f2/release", "", SHOP);
        // then
        assertThat(committed.getStatusCode()).isEqualTo(200);
        assertThat(json(committed).path("status").asText()).isEqualTo("COMMITTED");
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertProblem(release, 409, "RESERVATION_NOT_ACTIVE");
        assertThat(level("BLU-SHIRT-M").onHand()).isEqualTo(3);
        assertThat(level("BLU-SHIRT-M").reserved()).isZero();
        assertThat(level("RED-SOCK").onHand()).isZero();
    }

    @Test
    void release_shouldGiveStockBack_andExpiredHoldsAreNotActive() {
        // given
        post("/v1/reservations", HOLD, SHOP);
        post("/v1/reservations", HOLD.replace("chk-9f2", "chk-late").replace("\"quantity\":1", "\"quantity\":0")
                .replace(",{\"sku\":\"RED-SOCK\",\"quantity\":0}", "").replace("900", "60"), SHOP);
        // when
        APIGatewayV2HTTPResponse released = post("/v1/reservations/chk-9f2/release", "", SHOP);
        clock.advance(Duration.ofSeconds(61));
        APIGatewayV2HTTPResponse late = post("/v1/reservations/chk-late/commit", "", SHOP);
        APIGatewayV2HTTPResponse read = get("/v1/reservations/chk-late", SHOP);
        // then
        assertThat(released.getStatusCode()).isEqualTo(200);
        assertThat(json(released).path("status").asText()).isEqualTo("RELEASED");
        assertProblem(late, 409, "RESERVATION_NOT_ACTIVE");
        assertThat(json(read).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(level("BLU-SHIRT-M").reserved()).isZero();
        assertThat(level("BLU-SHIRT-M").available()).isEqualTo(5);
    }

    @Test
    void holds_shouldBeInvisibleToOtherStorefronts_andUnknownIdsAre404() {
        // given
        post("/v1/reservations", HOLD, SHOP);
        // when / then
        assertProblem(post("/v1/reservations/chk-9f2/commit", "", OTHER_SHOP), 404, "RESERVATION_NOT_FOUND");
        assertProblem(get("/v1/reservations/chk-9f2", OTHER_SHOP), 404, "RESERVATION_NOT_FOUND");
        assertProblem(post("/v1/reservations/nope/release", "", SHOP), 404, "RESERVATION_NOT_FOUND");
        assertThat(get("/v1/reservations/chk-9f2", SHOP).getStatusCode()).isEqualTo(200);
        assertThat(level("BLU-SHIRT-M").reserved()).isEqualTo(2);
    }

    @Test
    void signature_shouldNotBeReplayableOnAnotherRoute() {
        // given: the storefront reads its hold (a signed GET with an empty body)
        post("/v1/reservations", HOLD, SHOP);
        var headers = Signer.headers(pipeline.secrets.get(SHOP), "");
        assertThat(function.handleRequest(IngestPipeline.request("GET", "/v1/reservations/chk-9f2",
                Map.of("reservationId", "chk-9f2"), null, headers, false), null).getStatusCode()).isEqualTo(200);
        // when: someone replays that signature as a release, within its five minutes
        APIGatewayV2HTTPResponse replayed = function.handleRequest(IngestPipeline.request("POST",
                "/v1/reservations/chk-9f2/release", Map.of("reservationId", "chk-9f2"), null, headers, false), null);
        APIGatewayV2HTTPResponse retried = function.handleRequest(IngestPipeline.request("GET", "/v1/reservations/chk-9f2",
                Map.of("reservationId", "chk-9f2"), null, headers, false), null);
        // then
        assertProblem(replayed, 401, "INVALID_SIGNATURE");
        assertThat(retried.getStatusCode()).as("the same request again is a retry").isEqualTo(200);
        assertThat(level("BLU-SHIRT-M").reserved()).isEqualTo(2);
    }

    @Test
    void fulfil_shouldHandOverADeferredCommitmentPartByPart_withEveryAnswerOfTheContract() {
        // given
        post("/v1/reservations", HOLD, SHOP);
        APIGatewayV2HTTPResponse committed = post("/v1/reservations/chk-9f2/commit", "{\"fulfilment\":\"DEFERRED\"}",
                SHOP);
        String first = "{\"fulfilmentId\":\"ful-1\",\"lines\":[{\"sku\":\"BLU-SHIRT-M\",\"quantity\":1}]}";
        // when
        APIGatewayV2HTTPResponse fulfilled = post("/v1/reservations/chk-9f2/fulfil", first, SHOP);
        APIGatewayV2HTTPResponse repeated = post("/v1/reservations/chk-9f2/fulfil", first, SHOP);
        APIGatewayV2HTTPResponse reused = post("/v1/reservations/chk-9f2/fulfil", first.replace("\"quantity\":1",
                "\"quantity\":2"), SHOP);
        APIGatewayV2HTTPResponse over = post("/v1/reservations/chk-9f2/fulfil", "{\"fulfilmentId\":\"ful-2\","
                + "\"lines\":[{\"sku\":\"BLU-SHIRT-M\",\"quantity\":2},{\"sku\":\"RED-SOCK\",\"quantity\":1}]}", SHOP);
        APIGatewayV2HTTPResponse otherShop = post("/v1/reservations/chk-9f2/fulfil", "{\"fulfilmentId\":\"ful-3\"}",
                OTHER_SHOP);
        APIGatewayV2HTTPResponse invalid = post("/v1/reservations/chk-9f2/fulfil", "{\"lines\":[]}", SHOP);
        APIGatewayV2HTTPResponse rest = post("/v1/reservations/chk-9f2/fulfil", "{\"fulfilmentId\":\"ful-4\"}", SHOP);
        // then
        assertThat(committed.getStatusCode()).isEqualTo(200);
        assertThat(json(committed).path("fulfilment").asText()).isEqualTo("DEFERRED");
        assertThat(json(committed).path("lines").get(0).path("remaining").asLong()).isEqualTo(2);
        assertThat(fulfilled.getStatusCode()).isEqualTo(200);
        assertThat(json(fulfilled).path("status").asText()).isEqualTo("COMMITTED");
        assertThat(json(fulfilled).path("lines").get(0).toString())
                .isEqualTo("{\"sku\":\"BLU-SHIRT-M\",\"quantity\":2,\"fulfilled\":1,\"remaining\":1}");
        assertThat(repeated.getStatusCode()).isEqualTo(200);
        assertThat(json(repeated)).isEqualTo(json(fulfilled));
        assertProblem(reused, 409, "IDEMPOTENCY_KEY_REUSED");
        JsonNode overProblem = assertProblem(over, 409, "OVER_FULFILMENT");
        assertThat(overProblem.path("lines")).hasSize(1);
        assertThat(overProblem.path("lines").get(0).path("requested").asLong()).isEqualTo(2);
        assertThat(overProblem.path("lines").get(0).path("remaining").asLong()).isEqualTo(1);
        assertProblem(otherShop, 404, "RESERVATION_NOT_FOUND");
        assertProblem(invalid, 400, "INVALID_RESERVATION");
        assertThat(json(rest).path("status").asText()).isEqualTo("FULFILLED");
        assertThat(json(rest).path("lines").get(1).path("fulfilled").asLong()).isEqualTo(1);
        assertThat(List.of(level("BLU-SHIRT-M").onHand(), level("BLU-SHIRT-M").committed())).containsExactly(3L, 0L);
        assertThat(List.of(level("RED-SOCK").onHand(), level("RED-SOCK").committed())).containsExactly(0L, 0L);
    }

    @Test
    void cancel_shouldGiveBackWhatRemains_answerTheSameAgain_andLeaveNothingToFulfil() {
        // given
        post("/v1/reservations", HOLD, SHOP);
        post("/v1/reservations/chk-9f2/commit", "{\"fulfilment\":\"DEFERRED\"}", SHOP);
        post("/v1/reservations/chk-9f2/fulfil",
                "{\"fulfilmentId\":\"ful-1\",\"lines\":[{\"sku\":\"BLU-SHIRT-M\",\"quantity\":1}]}", SHOP);
        // when
        APIGatewayV2HTTPResponse cancelled = post("/v1/reservations/chk-9f2/cancel", "", SHOP);
        APIGatewayV2HTTPResponse again = post("/v1/reservations/chk-9f2/cancel", "", SHOP);
        APIGatewayV2HTTPResponse late = post("/v1/reservations/chk-9f2/fulfil", "{\"fulfilmentId\":\"ful-2\"}", SHOP);
        // then
        assertThat(cancelled.getStatusCode()).isEqualTo(200);
        assertThat(json(cancelled).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(json(cancelled).path("lines").get(0).path("fulfilled").asLong()).isEqualTo(1);
        assertThat(json(cancelled).path("lines").get(0).path("remaining").asLong()).isZero();
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(json(again)).isEqualTo(json(cancelled));
        JsonNode notActive = assertProblem(late, 409, "RESERVATION_NOT_ACTIVE");
        assertThat(notActive.path("reservation").path("status").asText()).isEqualTo("CANCELLED");
        assertThat(List.of(level("BLU-SHIRT-M").onHand(), level("BLU-SHIRT-M").committed(),
                level("BLU-SHIRT-M").available())).containsExactly(4L, 0L, 4L);
        assertThat(level("RED-SOCK").available()).isEqualTo(1);
    }

    @Test
    void cancel_shouldBeNotActive_whenTheHoldWasCommittedImmediately() {
        // given
        post("/v1/reservations", HOLD, SHOP);
        post("/v1/reservations/chk-9f2/commit", "{\"fulfilment\":\"IMMEDIATE\"}", SHOP);
        // when
        APIGatewayV2HTTPResponse cancel = post("/v1/reservations/chk-9f2/cancel", "", SHOP);
        // then
        JsonNode problem = assertProblem(cancel, 409, "RESERVATION_NOT_ACTIVE");
        assertThat(problem.path("reservation").path("fulfilment").asText()).isEqualTo("IMMEDIATE");
        assertThat(level("BLU-SHIRT-M").onHand()).isEqualTo(3);
    }

    @Test
    void fulfil_shouldHandOverA49LineCommitmentInOneCall_andCancelReturnsAnother49Lines() {
        // given: 49 SKUs with 2 each; two orders of 49 lines, one unit per line
        for (int i = 0; i < 49; i++) {
            store.apply(Events.one("rcv-sku-" + i, ChangeType.RECEIPT, clock.instant(), "web-dc", "SKU-" + i, 2));
        }
        String lines = IntStream.range(0, 49).mapToObj(i -> "{\"sku\":\"SKU-" + i + "\",\"quantity\":1}")
                .collect(Collectors.joining(","));
        for (String id : List.of("big-1", "big-2")) {
            assertThat(post("/v1/reservations", "{\"reservationId\":\"" + id + "\",\"locationId\":\"web-dc\","
                    + "\"lines\":[" + lines + "]}", SHOP).getStatusCode()).isEqualTo(201);
            assertThat(post("/v1/reservations/" + id + "/commit", "{\"fulfilment\":\"DEFERRED\"}", SHOP)
                    .getStatusCode()).isEqualTo(200);
        }
        // when
        APIGatewayV2HTTPResponse fulfilled = post("/v1/reservations/big-1/fulfil", "{\"fulfilmentId\":\"all\"}", SHOP);
        APIGatewayV2HTTPResponse cancelled = post("/v1/reservations/big-2/cancel", "", SHOP);
        // then
        assertThat(fulfilled.getStatusCode()).as(fulfilled.getBody()).isEqualTo(200);
        assertThat(json(fulfilled).path("status").asText()).isEqualTo("FULFILLED");
        assertThat(json(fulfilled).path("lines")).hasSize(49)
                .allSatisfy(l -> assertThat(l.path("remaining").asLong()).isZero());
        assertThat(cancelled.getStatusCode()).as(cancelled.getBody()).isEqualTo(200);
        assertThat(json(cancelled).path("status").asText()).isEqualTo("CANCELLED");
        for (int i = 0; i < 49; i++) {
            StockLevel level = level("SKU-" + i);
            assertThat(List.of(level.onHand(), level.reserved(), level.committed(), level.available()))
                    .as("SKU-" + i).containsExactly(1L, 0L, 0L, 1L);
        }
    }

    @Test
    void commit_shouldRefuseAnInvalidBody_andChangeNothing() {
        // given
        post("/v1/reservations", HOLD, SHOP);
        // when
        APIGatewayV2HTTPResponse invalid = post("/v1/reservations/chk-9f2/commit", "{\"fulfilment\":\"LATER\"}", SHOP);
        APIGatewayV2HTTPResponse notJson = post("/v1/reservations/chk-9f2/commit", "later", SHOP);
        // then
        JsonNode problem = assertProblem(invalid, 400, "INVALID_RESERVATION");
        assertThat(problem.path("problems").get(0).path("path").asText()).isEqualTo("fulfilment");
        assertProblem(notJson, 400, "INVALID_JSON");
        assertThat(level("BLU-SHIRT-M").reserved()).isEqualTo(2);
        assertThat(get("/v1/reservations/chk-9f2", SHOP).getBody()).contains("\"status\":\"ACTIVE\"");
    }

    @Test
    void ids_shouldBelongToTheirStorefront_soNoneCanSquatOrProbeAnothers() {
        // given: shop-web holds chk-9f2 (a v1 request: no source named)
        assertThat(post("/v1/reservations", HOLD, SHOP).getStatusCode()).isEqualTo(201);
        String small = """
                {"reservationId":"chk-9f2","locationId":"web-dc","ttlSeconds":300,
                 "lines":[{"sku":"BLU-SHIRT-M","quantity":1}]}""";
        // when: the outlet probes the id, then uses it for its own hold
        APIGatewayV2HTTPResponse probe = get("/v1/reservations/chk-9f2", OTHER_SHOP);
        APIGatewayV2HTTPResponse unknown = get("/v1/reservations/chk-none", OTHER_SHOP);
        APIGatewayV2HTTPResponse commitOthers = post("/v1/reservations/chk-9f2/commit", "", OTHER_SHOP);
        APIGatewayV2HTTPResponse own = post("/v1/reservations", small, OTHER_SHOP);
        // then: another storefront's id answers exactly as an unknown one, and using it is no conflict
        assertProblem(probe, 404, "RESERVATION_NOT_FOUND");
        assertProblem(unknown, 404, "RESERVATION_NOT_FOUND");
        assertThat(json(probe).path("detail").asText().replace("chk-9f2", "ID"))
                .isEqualTo(json(unknown).path("detail").asText().replace("chk-none", "ID"));
        assertProblem(commitOthers, 404, "RESERVATION_NOT_FOUND");
        assertThat(own.getStatusCode()).as(own.getBody()).isEqualTo(201);
        assertThat(json(get("/v1/reservations/chk-9f2", SHOP)).path("lines")).hasSize(2);
        assertThat(json(get("/v1/reservations/chk-9f2", OTHER_SHOP)).path("lines")).hasSize(1);
        assertThat(level("BLU-SHIRT-M").reserved()).isEqualTo(3);
    }

    @Test
    void create_shouldAnswer403OutOfScope_forASourceThatMayNotReserve_namingItself() {
        // given: a till (no canReserve) that names itself in the header
        String body = HOLD;
        Map<String, String> headers = new java.util.HashMap<>(Signer.headers(pipeline.secrets.get("pos-acme"), body));
        headers.put(io.inventorysync.reservations.ReservationService.SOURCE_HEADER, "pos-acme");
        // when
        APIGatewayV2HTTPResponse response = function.handleRequest(IngestPipeline.request("POST", "/v1/reservations",
                Map.of(), body, headers, false), null);
        // then
        assertProblem(response, 403, "OUT_OF_SCOPE");
        assertUnchanged();
    }

    @Test
    void commit_shouldRefuseABodyOfAnEmSpaceAsInvalidJson_asTheAdminRoutesDo() {
        // given
        post("/v1/reservations", HOLD, SHOP);
        // when: U+2003 is Unicode white space, not JSON's: a body, and not JSON
        APIGatewayV2HTTPResponse emSpace = post("/v1/reservations/chk-9f2/commit", "\u2003", SHOP);
        // then
        assertProblem(emSpace, 400, "INVALID_JSON");
        assertThat(level("BLU-SHIRT-M").reserved()).isEqualTo(2);
        assertThat(level("BLU-SHIRT-M").onHand()).isEqualTo(5);
    }

    @Test
    void commit_shouldAnswerARetryAsTheFirst_afterTheScopeWasNarrowed_butRefuseANewCommit() {
        // given: two holds at web-dc; the first is committed, then the shop is narrowed to its stores
        post("/v1/reservations", HOLD, SHOP);
        String other = HOLD.replace("chk-9f2", "chk-other").replace(",{\"sku\":\"RED-SOCK\",\"quantity\":1}", "")
                .replace("\"quantity\":2", "\"quantity\":1");
        assertThat(post("/v1/reservations", other, SHOP).getStatusCode()).isEqualTo(201);
        APIGatewayV2HTTPResponse first = post("/v1/reservations/chk-9f2/commit", "", SHOP);
        assertThat(first.getStatusCode()).isEqualTo(200);
        long version = level("BLU-SHIRT-M").version();
        pipeline.sources.register(pipeline.sources.source(SHOP).orElseThrow().withLocations(List.of("store-*")));
        // when: the storefront retries the commit (its first answer lost), and commits the other hold
        APIGatewayV2HTTPResponse retried = post("/v1/reservations/chk-9f2/commit", "", SHOP);
        APIGatewayV2HTTPResponse deferredRetry = post("/v1/reservations/chk-9f2/commit", "{\"fulfilment\":\"DEFERRED\"}", SHOP);
        APIGatewayV2HTTPResponse fresh = post("/v1/reservations/chk-other/commit", "", SHOP);
        // then: the repeat answers as the first, changing nothing; the new commit is out of scope
        assertThat(retried.getStatusCode()).isEqualTo(200);
        assertThat(json(retried)).isEqualTo(json(first));
        assertThat(json(deferredRetry)).isEqualTo(json(first));
        assertProblem(fresh, 403, "OUT_OF_SCOPE");
        assertThat(level("BLU-SHIRT-M").version()).isEqualTo(version);
        assertThat(level("BLU-SHIRT-M").onHand()).isEqualTo(3);
        assertThat(level("BLU-SHIRT-M").reserved()).isEqualTo(1);
        // and the storefront still reads both its holds
        assertThat(json(get("/v1/reservations/chk-other", SHOP)).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(json(get("/v1/reservations/chk-9f2", SHOP)).path("status").asText()).isEqualTo("COMMITTED");
    }

    /**
     * Secrets Manager failing before any key was read: a hold (v1, every storefront tried) and a commit
     * naming its storefront answer {@code 503 STORE_UNAVAILABLE} with no internal text, hold nothing and
     * claim no request id; the same requests once the vault answers are served as the first.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("io.inventorysync.testing.SecretsManagerFaults#failures")
    void routes_shouldAnswer503AndChangeNothing_whenTheSigningKeysCannotBeRead(
            software.amazon.awssdk.core.exception.SdkException failure) {
        // given
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        ReservationsFunction failing = new ReservationsFunction(new ReservationService(new SourceAuthenticator(
                pipeline.sources,
                io.inventorysync.testing.SecretsManagerFaults.signingSecrets(failure, down, pipeline.signingSecrets)),
                store, new io.inventorysync.auth.Storefronts(pipeline.sources, clock), clock));
        var createHeaders = Signer.headers(pipeline.secrets.get(SHOP), HOLD);
        Map<String, String> commitHeaders = new java.util.HashMap<>(Signer.headers(pipeline.secrets.get(SHOP), ""));
        commitHeaders.put(ReservationService.SOURCE_HEADER, SHOP);
        var create = IngestPipeline.request("POST", "/v1/reservations", Map.of(), HOLD, createHeaders, false);
        var commit = IngestPipeline.request("POST", "/v1/reservations/chk-9f2/commit",
                Map.of("reservationId", "chk-9f2"), "", commitHeaders, false);
        // when
        APIGatewayV2HTTPResponse created = failing.handleRequest(create, null);
        APIGatewayV2HTTPResponse committed = failing.handleRequest(commit, null);
        // then
        for (APIGatewayV2HTTPResponse response : List.of(created, committed)) {
            assertProblem(response, 503, "STORE_UNAVAILABLE");
            assertThat(response.getBody()).doesNotContain("secretsmanager").doesNotContain("inventory-sync/sources")
                    .doesNotContain("Rate exceeded").doesNotContain("internal failure").doesNotContain("whsec_");
        }
        assertUnchanged();
        assertThat(pipeline.dynamo.scan(r -> r.tableName(pipeline.table)).items()).as("no request id claimed")
                .noneSatisfy(item -> assertThat(item.get("itemType").s()).isEqualTo("REQUEST"));
        // when: the vault answers again, the storefront retries the same requests
        down.set(false);
        APIGatewayV2HTTPResponse createdLater = failing.handleRequest(create, null);
        APIGatewayV2HTTPResponse committedLater = failing.handleRequest(commit, null);
        // then
        assertThat(createdLater.getStatusCode()).as(createdLater.getBody()).isEqualTo(201);
        assertThat(committedLater.getStatusCode()).as(committedLater.getBody()).isEqualTo(200);
        assertThat(level("BLU-SHIRT-M").onHand()).isEqualTo(3);
    }

    private APIGatewayV2HTTPResponse post(String path, String body, String signer) {
        String id = path.split("/").length > 3 ? path.split("/")[3] : null;
        return function.handleRequest(IngestPipeline.request("POST", path,
                id == null ? Map.of() : Map.of("reservationId", id), body,
                Signer.headers(pipeline.secrets.get(signer), body), false), null);
    }

    private APIGatewayV2HTTPResponse get(String path, String signer) {
        return function.handleRequest(IngestPipeline.request("GET", path, Map.of("reservationId", path.split("/")[3]),
                null, Signer.headers(pipeline.secrets.get(signer), ""), false), null);
    }

    private StockLevel level(String sku) {
        return store.level(sku, "web-dc").orElseThrow();
    }

    private void assertUnchanged() {
        assertThat(level("BLU-SHIRT-M").version()).isEqualTo(1);
        assertThat(level("RED-SOCK").version()).isEqualTo(1);
        assertThat(store.reservation(io.inventorysync.testing.Events.ref("chk-9f2"))).isEmpty();
    }

    private static JsonNode assertProblem(APIGatewayV2HTTPResponse response, int status, String code) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode body = json(response);
        assertThat(body.path("code").asText()).isEqualTo(code);
        return body;
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
