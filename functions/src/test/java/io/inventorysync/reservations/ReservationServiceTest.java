package io.inventorysync.reservations;

import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Fulfilment;
import io.inventorysync.domain.HoldRules;
import io.inventorysync.domain.HoldStep;
import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationLine;
import io.inventorysync.domain.ReservationStatus;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.InMemoryInventoryStore;
import io.inventorysync.store.InMemorySourceRegistry;
import io.inventorysync.store.ReservationResult;
import io.inventorysync.telemetry.Telemetry;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.MutableClock;
import io.inventorysync.testing.Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ReservationService} on the in-memory store: the reservation routes of contract v1 and v1.1. */
class ReservationServiceTest {
    private static final String SHOP = "shop-web";
    private static final String OTHER_SHOP = "shop-outlet";
    private static final String POS = "pos-acme";
    private static final String CREATE = "POST /v1/reservations";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final Map<String, String> secrets = new HashMap<>();
    private final InMemorySourceRegistry sources = new InMemorySourceRegistry();
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final Telemetry telemetry = Telemetry.start("Test");
    private ReservationService service;

    @BeforeEach
    void setUp() {
        for (String source : List.of(SHOP, OTHER_SHOP, POS)) {
            secrets.put(source, Signer.newSecret());
            sources.register(new Source(source, Settings.SOURCE_SECRET_PREFIX + source, Map.of(),
                    Source.UnknownSkuPolicy.PASS_THROUGH).withCanReserve(!source.equals(POS)));
        }
        service = new ReservationService(new SourceAuthenticator(sources, s -> List.of(secrets.get(s.sourceId()))),
                store, new io.inventorysync.auth.Storefronts(sources, clock), clock);
        store.apply(Events.one("r-1", ChangeType.RECEIPT, clock.instant().minusSeconds(60), "web-dc", "BLU-SHIRT-M", 5));
        store.apply(Events.one("r-2", ChangeType.RECEIPT, clock.instant().minusSeconds(60), "web-dc", "RED-SOCK", 4));
    }

    @Test
    void create_shouldHoldEveryLine_whenStockIsAvailable() {
        // when
        ReservationOutcome outcome = create(SHOP, hold("chk-1", 2));

        // then
        assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.Held.class, held -> {
            assertThat(held.repeated()).isFalse();
            assertThat(held.reservation().status()).isEqualTo(ReservationStatus.ACTIVE);
            assertThat(held.reservation().sourceId()).isEqualTo(SHOP);
        });
        assertThat(level().reserved()).isEqualTo(2);
    }

    @Test
    void create_shouldAnswerTheSameHold_whenTheRequestIsRepeated() {
        // given
        create(SHOP, hold("chk-1", 2));

        // when
        ReservationOutcome outcome = create(SHOP, hold("chk-1", 2));

        // then
        assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.Held.class,
                held -> assertThat(held.repeated()).isTrue());
        assertThat(level().reserved()).isEqualTo(2);
    }

    @Test
    void create_shouldRefuseAsInsufficientStockAndHoldNothing_whenALineAsksForMoreThanIsAvailable() {
        // when
        ReservationOutcome outcome = create(SHOP, hold("chk-1", 6));

        // then
        assertThat(outcome).isEqualTo(new ReservationOutcome.InsufficientStock(
                List.of(new ReservationResult.Shortfall("BLU-SHIRT-M", 6, 5))));
        assertThat(level().reserved()).isZero();
    }

    @Test
    void create_shouldRefuseAsKeyReused_whenTheIdComesAgainWithAnotherBody() {
        // given
        create(SHOP, hold("chk-1", 2));

        // when
        ReservationOutcome outcome = create(SHOP, hold("chk-1", 3));

        // then
        assertThat(outcome).isEqualTo(new ReservationOutcome.KeyReused("chk-1"));
        assertThat(level().reserved()).isEqualTo(2);
    }

    @Test
    void create_shouldRefuseAsInvalid_whenTtlIsUnderAMinute() {
        // when
        ReservationOutcome outcome = create(SHOP, "{\"reservationId\":\"chk-1\",\"locationId\":\"web-dc\",\"ttlSeconds\":59,"
                + "\"lines\":[{\"sku\":\"BLU-SHIRT-M\",\"quantity\":1}]}");

        // then
        assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.Invalid.class,
                invalid -> assertThat(invalid.problems()).extracting(p -> p.path()).containsExactly("ttlSeconds"));
        assertThat(level().reserved()).isZero();
    }

    @Test
    void create_shouldRefuseWithBadSignature_whenSignedByASourceThatIsNotAStorefront() {
        // when
        ReservationOutcome outcome = create(POS, hold("chk-1", 1));

        // then
        assertThat(outcome).isEqualTo(new ReservationOutcome.RequestRefused(
                new SourceAuthenticator.Refused(SourceAuthenticator.Reason.BAD_SIGNATURE, "")));
        assertThat(level().reserved()).isZero();
    }

    @Test
    void create_shouldRefuseAsUnsupportedMediaType_whenContentTypeIsNotJson() {
        // given
        String body = hold("chk-1", 1);
        Map<String, String> headers = new HashMap<>(Signer.headers(secrets.get(SHOP), body));
        headers.put("content-type", "application/xml");

        // when
        ReservationOutcome outcome = service.create(request(headers, body, CREATE), telemetry);

        // then
        assertThat(outcome).isEqualTo(new ReservationOutcome.RequestRefused(
                new SignedJsonRequest.UnsupportedMediaType("application/xml")));
    }

    @Test
    void commit_shouldSettleTheHold_andAnswerTheSameWhenRepeated() {
        // given
        create(SHOP, hold("chk-1", 2));

        // when
        ReservationOutcome first = settle(SHOP, "chk-1", "commit");
        ReservationOutcome again = settle(SHOP, "chk-1", "commit");

        // then
        assertThat(first).isInstanceOfSatisfying(ReservationOutcome.Settled.class,
                s -> assertThat(s.reservation().status()).isEqualTo(ReservationStatus.COMMITTED));
        assertThat(again).isEqualTo(first);
        assertThat(level().onHand()).isEqualTo(3);
        assertThat(level().reserved()).isZero();
    }

    @Test
    void commit_shouldBeNotFoundAndChangeNothing_whenTheHoldWasPlacedByAnotherStorefront() {
        // given
        create(SHOP, hold("chk-1", 2));

        // when
        ReservationOutcome outcome = settle(OTHER_SHOP, "chk-1", "commit");

        // then
        assertThat(outcome).isEqualTo(new ReservationOutcome.NotFound("chk-1"));
        assertThat(store.reservation(io.inventorysync.testing.Events.ref("chk-1"))).map(r -> r.status()).contains(ReservationStatus.ACTIVE);
        assertThat(level().reserved()).isEqualTo(2);
    }

    @Test
    void release_shouldBeNotActive_whenTheHoldWasCommitted() {
        // given
        create(SHOP, hold("chk-1", 2));
        settle(SHOP, "chk-1", "commit");

        // when
        ReservationOutcome outcome = settle(SHOP, "chk-1", "release");

        // then
        assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.NotActive.class,
                n -> assertThat(n.reservation().status()).isEqualTo(ReservationStatus.COMMITTED));
        assertThat(level().onHand()).isEqualTo(3);
    }

    @Test
    void commit_shouldBeNotActiveAndExpireTheHold_whenItsTimeIsUp() {
        // given
        create(SHOP, hold("chk-1", 2));
        clock.advance(Duration.ofSeconds(61));

        // when
        ReservationOutcome outcome = settle(SHOP, "chk-1", "commit");

        // then
        assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.NotActive.class,
                n -> assertThat(n.reservation().status()).isEqualTo(ReservationStatus.EXPIRED));
        assertThat(level().reserved()).isZero();
        assertThat(level().onHand()).isEqualTo(5);
    }

    @Test
    void get_shouldShowTheHoldToItsStorefrontOnly() {
        // given
        create(SHOP, hold("chk-1", 2));

        // when
        ReservationOutcome own = get(SHOP, "chk-1");
        ReservationOutcome other = get(OTHER_SHOP, "chk-1");

        // then
        assertThat(own).isInstanceOf(ReservationOutcome.Found.class);
        assertThat(other).isEqualTo(new ReservationOutcome.NotFound("chk-1"));
    }

    @Test
    void commit_shouldRefuse_whenTheSignedCreateRequestIsReplayedOnTheCommitRoute() {
        // given
        String body = hold("chk-1", 2);
        Map<String, String> headers = Signer.headers(secrets.get(SHOP), body);
        service.create(request(headers, body, CREATE), telemetry);

        // when
        ReservationOutcome outcome = service.commit(request(headers, body, "POST /v1/reservations/chk-1/commit"),
                "chk-1", telemetry);

        // then
        assertThat(outcome).isEqualTo(new ReservationOutcome.RequestRefused(
                new SourceAuthenticator.Refused(SourceAuthenticator.Reason.REQUEST_ID_REUSED, SHOP)));
        assertThat(store.reservation(io.inventorysync.testing.Events.ref("chk-1"))).map(r -> r.status()).contains(ReservationStatus.ACTIVE);
    }

    // ================================================================ v1.1: deferred commit, fulfil, cancel

    @Test
    void commit_shouldKeepTheUnitsAsCommitted_whenFulfilmentIsDeferred() {
        // given
        create(SHOP, order("chk-1", 2, 1));

        // when
        ReservationOutcome outcome = commit(SHOP, "chk-1", "{\"fulfilment\":\"DEFERRED\"}");

        // then
        assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.Settled.class, s -> {
            assertThat(s.reservation().status()).isEqualTo(ReservationStatus.COMMITTED);
            assertThat(s.reservation().fulfilment()).isEqualTo(Fulfilment.DEFERRED);
        });
        assertLevel("BLU-SHIRT-M", 5, 0, 2, 3);
        assertLevel("RED-SOCK", 4, 0, 1, 3);
    }

    @Test
    void commit_shouldBeImmediate_whenTheBodyIsEmptyOrSaysNothing_whateverItsContentType() {
        // given
        create(SHOP, hold("chk-1", 1));
        create(SHOP, hold("chk-2", 1));
        create(SHOP, hold("chk-3", 1));
        Map<String, String> plain = new HashMap<>(Signer.headers(secrets.get(SHOP), ""));
        plain.remove("content-type");

        // when
        ReservationOutcome noBody = service.commit(request(plain, "", "POST /v1/reservations/chk-1/commit"), "chk-1",
                telemetry);
        ReservationOutcome blank = commit(SHOP, "chk-2", " \n");
        ReservationOutcome emptyObject = commit(SHOP, "chk-3", "{}");

        // then
        for (ReservationOutcome outcome : List.of(noBody, blank, emptyObject)) {
            assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.Settled.class,
                    s -> assertThat(s.reservation().fulfilment()).isEqualTo(Fulfilment.IMMEDIATE));
        }
        assertLevel("BLU-SHIRT-M", 2, 0, 0, 2);
    }

    @Test
    void commit_shouldRefuseAndChangeNothing_whenTheBodyIsInvalidOrNotJson() {
        // given
        create(SHOP, hold("chk-1", 2));
        String body = "{\"fulfilment\":\"LATER\"}";
        Map<String, String> xml = new HashMap<>(Signer.headers(secrets.get(SHOP), body));
        xml.put("content-type", "application/xml");

        // when
        ReservationOutcome invalid = commit(SHOP, "chk-1", body);
        ReservationOutcome notJson = commit(SHOP, "chk-1", "DEFERRED");
        ReservationOutcome wrongType = service.commit(request(xml, body, "POST /v1/reservations/chk-1/commit"), "chk-1",
                telemetry);

        // then
        assertThat(invalid).isEqualTo(new ReservationOutcome.Invalid(
                List.of(new Problem("fulfilment", "must be one of [IMMEDIATE, DEFERRED]"))));
        assertThat(notJson).isEqualTo(new ReservationOutcome.RequestRefused(new SignedJsonRequest.InvalidJson()));
        assertThat(wrongType).isEqualTo(new ReservationOutcome.RequestRefused(
                new SignedJsonRequest.UnsupportedMediaType("application/xml")));
        assertThat(store.reservation(io.inventorysync.testing.Events.ref("chk-1"))).map(Reservation::status).contains(ReservationStatus.ACTIVE);
        assertLevel("BLU-SHIRT-M", 5, 2, 0, 3);
    }

    @Test
    void fulfil_shouldHandOverPartByPart_untilTheCommitmentIsFulfilled() {
        // given
        deferred("chk-1", 2, 1);

        // when
        ReservationOutcome first = fulfil(SHOP, "chk-1", fulfilment("ful-1", "BLU-SHIRT-M", 1));
        ReservationOutcome second = fulfil(SHOP, "chk-1", "{\"fulfilmentId\":\"ful-2\"}");

        // then
        assertThat(first).isInstanceOfSatisfying(ReservationOutcome.Fulfilled.class, f -> {
            assertThat(f.repeated()).isFalse();
            assertThat(f.reservation().status()).isEqualTo(ReservationStatus.COMMITTED);
            assertThat(f.reservation().lines()).extracting(ReservationLine::remaining).containsExactly(1L, 1L);
        });
        assertThat(second).isInstanceOfSatisfying(ReservationOutcome.Fulfilled.class, f -> {
            assertThat(f.reservation().status()).isEqualTo(ReservationStatus.FULFILLED);
            assertThat(f.reservation().lines()).extracting(ReservationLine::fulfilled).containsExactly(2L, 1L);
        });
        assertLevel("BLU-SHIRT-M", 3, 0, 0, 3);
        assertLevel("RED-SOCK", 3, 0, 0, 3);
    }

    @Test
    void fulfil_shouldApplyNothingTwice_whenTheSameFulfilmentIsRepeated_evenOnceFulfilled() {
        // given
        deferred("chk-1", 2, 1);
        String body = fulfilment("ful-1", "BLU-SHIRT-M", 1);
        fulfil(SHOP, "chk-1", body);
        fulfil(SHOP, "chk-1", "{\"fulfilmentId\":\"ful-2\"}");

        // when
        ReservationOutcome again = fulfil(SHOP, "chk-1", body);

        // then
        assertThat(again).isInstanceOfSatisfying(ReservationOutcome.Fulfilled.class, f -> {
            assertThat(f.repeated()).isTrue();
            assertThat(f.reservation().status()).isEqualTo(ReservationStatus.FULFILLED);
        });
        assertLevel("BLU-SHIRT-M", 3, 0, 0, 3);
    }

    @Test
    void fulfil_shouldRefuseAsKeyReusedAndChangeNothing_whenTheFulfilmentIdComesWithAnotherBody() {
        // given
        deferred("chk-1", 2, 1);
        fulfil(SHOP, "chk-1", fulfilment("ful-1", "BLU-SHIRT-M", 1));

        // when
        ReservationOutcome reused = fulfil(SHOP, "chk-1", fulfilment("ful-1", "RED-SOCK", 1));

        // then
        assertThat(reused).isInstanceOfSatisfying(ReservationOutcome.FulfilmentKeyReused.class, r -> {
            assertThat(r.fulfilmentId()).isEqualTo("ful-1");
            assertThat(r.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        });
        assertLevel("BLU-SHIRT-M", 4, 0, 1, 3);
        assertLevel("RED-SOCK", 4, 0, 1, 3);
    }

    @Test
    void fulfil_shouldRefuseAsOverFulfilmentAndChangeNothing_whenALineAsksForMoreThanRemains() {
        // given
        deferred("chk-1", 2, 1);

        // when
        ReservationOutcome over = fulfil(SHOP, "chk-1", "{\"fulfilmentId\":\"ful-1\",\"lines\":["
                + "{\"sku\":\"BLU-SHIRT-M\",\"quantity\":1},{\"sku\":\"RED-SOCK\",\"quantity\":2},"
                + "{\"sku\":\"GRN-CAP\",\"quantity\":1}]}");
        ReservationOutcome later = fulfil(SHOP, "chk-1", fulfilment("ful-1", "BLU-SHIRT-M", 1));

        // then: nothing of the good line applied, and the refused id stays free
        assertThat(over).isInstanceOfSatisfying(ReservationOutcome.OverFulfilment.class, o ->
                assertThat(o.lines()).containsExactly(new HoldRules.Fulfil.Shortfall("RED-SOCK", 2, 1),
                        new HoldRules.Fulfil.Shortfall("GRN-CAP", 1, 0)));
        assertThat(later).isInstanceOfSatisfying(ReservationOutcome.Fulfilled.class,
                f -> assertThat(f.repeated()).isFalse());
        assertLevel("BLU-SHIRT-M", 4, 0, 1, 3);
        assertLevel("RED-SOCK", 4, 0, 1, 3);
    }

    @Test
    void fulfil_shouldBeNotActive_whenTheHoldIsActiveOrCommittedImmediately() {
        // given
        create(SHOP, hold("chk-active", 1));
        create(SHOP, hold("chk-sold", 1));
        commit(SHOP, "chk-sold", "");

        // when
        ReservationOutcome active = fulfil(SHOP, "chk-active", "{\"fulfilmentId\":\"ful-1\"}");
        ReservationOutcome sold = fulfil(SHOP, "chk-sold", "{\"fulfilmentId\":\"ful-1\"}");

        // then
        assertThat(active).isInstanceOfSatisfying(ReservationOutcome.NotActive.class,
                n -> assertThat(n.step()).isEqualTo(HoldStep.FULFIL));
        assertThat(sold).isInstanceOfSatisfying(ReservationOutcome.NotActive.class,
                n -> assertThat(n.reservation().status()).isEqualTo(ReservationStatus.COMMITTED));
        assertLevel("BLU-SHIRT-M", 4, 1, 0, 3);
    }

    @Test
    void fulfil_shouldRefuseAsInvalidOrNotFound_beforeTouchingTheHold() {
        // given
        deferred("chk-1", 2, 1);

        // when
        ReservationOutcome invalid = fulfil(SHOP, "chk-1", "{\"lines\":[{\"sku\":\"BLU-SHIRT-M\",\"quantity\":0}]}");
        ReservationOutcome otherShop = fulfil(OTHER_SHOP, "chk-1", "{\"fulfilmentId\":\"ful-1\"}");
        ReservationOutcome unknown = fulfil(SHOP, "chk-9", "{\"fulfilmentId\":\"ful-1\"}");

        // then
        assertThat(invalid).isInstanceOfSatisfying(ReservationOutcome.Invalid.class, i ->
                assertThat(i.problems()).extracting(Problem::path).containsExactly("fulfilmentId", "lines[0].quantity"));
        assertThat(otherShop).isEqualTo(new ReservationOutcome.NotFound("chk-1"));
        assertThat(unknown).isEqualTo(new ReservationOutcome.NotFound("chk-9"));
        assertLevel("BLU-SHIRT-M", 5, 0, 2, 3);
    }

    @Test
    void cancel_shouldGiveBackWhatRemainsCommitted_andAnswerTheSameWhenRepeated() {
        // given
        deferred("chk-1", 2, 1);
        fulfil(SHOP, "chk-1", fulfilment("ful-1", "BLU-SHIRT-M", 1));

        // when
        ReservationOutcome cancelled = cancel(SHOP, "chk-1");
        ReservationOutcome again = cancel(SHOP, "chk-1");

        // then
        assertThat(cancelled).isInstanceOfSatisfying(ReservationOutcome.Settled.class, s -> {
            assertThat(s.reservation().status()).isEqualTo(ReservationStatus.CANCELLED);
            assertThat(s.reservation().lines()).extracting(ReservationLine::fulfilled).containsExactly(1L, 0L);
        });
        assertThat(again).isEqualTo(cancelled);
        assertLevel("BLU-SHIRT-M", 4, 0, 0, 4);
        assertLevel("RED-SOCK", 4, 0, 0, 4);
    }

    @Test
    void fulfil_shouldBeNotActive_whenTheCommitmentWasCancelled_butARepeatOfAnEarlierFulfilmentIsHarmless() {
        // given
        deferred("chk-1", 2, 1);
        String earlier = fulfilment("ful-1", "BLU-SHIRT-M", 1);
        fulfil(SHOP, "chk-1", earlier);
        cancel(SHOP, "chk-1");

        // when
        ReservationOutcome late = fulfil(SHOP, "chk-1", "{\"fulfilmentId\":\"ful-2\"}");
        ReservationOutcome repeat = fulfil(SHOP, "chk-1", earlier);

        // then
        assertThat(late).isInstanceOfSatisfying(ReservationOutcome.NotActive.class, n -> {
            assertThat(n.reservation().status()).isEqualTo(ReservationStatus.CANCELLED);
            assertThat(n.step()).isEqualTo(HoldStep.FULFIL);
        });
        assertThat(repeat).isInstanceOfSatisfying(ReservationOutcome.Fulfilled.class,
                f -> assertThat(f.repeated()).isTrue());
        assertLevel("BLU-SHIRT-M", 4, 0, 0, 4);
    }

    @Test
    void cancel_shouldBeNotActive_whenTheHoldIsNoDeferredCommitment_orNotFoundForAnotherStorefront() {
        // given
        create(SHOP, hold("chk-1", 2));
        deferred("chk-2", 1, 1);

        // when
        ReservationOutcome active = cancel(SHOP, "chk-1");
        ReservationOutcome otherShop = cancel(OTHER_SHOP, "chk-2");

        // then
        assertThat(active).isInstanceOfSatisfying(ReservationOutcome.NotActive.class, n -> {
            assertThat(n.reservation().status()).isEqualTo(ReservationStatus.ACTIVE);
            assertThat(n.step()).isEqualTo(HoldStep.CANCEL);
        });
        assertThat(otherShop).isEqualTo(new ReservationOutcome.NotFound("chk-2"));
        assertLevel("BLU-SHIRT-M", 5, 2, 1, 2);
    }

    @Test
    void fulfil_shouldRefuse_whenASignedCommitIsReplayedOnTheFulfilRoute() {
        // given
        deferred("chk-1", 1, 1);
        String body = "{\"fulfilmentId\":\"ful-1\"}";
        Map<String, String> headers = Signer.headers(secrets.get(SHOP), body);
        service.commit(request(headers, body, "POST /v1/reservations/chk-1/commit"), "chk-1", telemetry);

        // when
        ReservationOutcome replayed = service.fulfil(request(headers, body, "POST /v1/reservations/chk-1/fulfil"),
                "chk-1", telemetry);

        // then
        assertThat(replayed).isEqualTo(new ReservationOutcome.RequestRefused(
                new SourceAuthenticator.Refused(SourceAuthenticator.Reason.REQUEST_ID_REUSED, SHOP)));
        assertLevel("BLU-SHIRT-M", 5, 0, 1, 4);
    }

    // ------------------------------------------------------------ v1.1: scopes, ids per storefront

    @Test
    void create_shouldHoldBothStorefrontsIndependently_whenTheyUseTheSameId() {
        // when: two storefronts pick the same id, with different bodies
        ReservationOutcome first = create(SHOP, hold("chk-1", 2));
        ReservationOutcome second = create(OTHER_SHOP, hold("chk-1", 1));
        // then: neither squats the other's id, and each reads its own
        assertThat(first).isInstanceOf(ReservationOutcome.Held.class);
        assertThat(second).isInstanceOfSatisfying(ReservationOutcome.Held.class,
                held -> assertThat(held.repeated()).isFalse());
        assertThat(level().reserved()).isEqualTo(3);
        assertThat(get(SHOP, "chk-1")).isInstanceOfSatisfying(ReservationOutcome.Found.class,
                f -> assertThat(f.reservation().lines().getFirst().quantity()).isEqualTo(2));
        assertThat(get(OTHER_SHOP, "chk-1")).isInstanceOfSatisfying(ReservationOutcome.Found.class,
                f -> assertThat(f.reservation().lines().getFirst().quantity()).isEqualTo(1));
    }

    @Test
    void everyRoute_shouldAnswerAnotherStorefrontsIdExactlyAsAnUnknownOne() {
        // given
        create(SHOP, hold("chk-1", 2));
        // when / then: 404 as for an id nobody used, and the hold is untouched
        assertThat(get(OTHER_SHOP, "never-used")).isEqualTo(new ReservationOutcome.NotFound("never-used"));
        assertThat(get(OTHER_SHOP, "chk-1")).isEqualTo(new ReservationOutcome.NotFound("chk-1"));
        assertThat(settle(OTHER_SHOP, "chk-1", "commit")).isEqualTo(new ReservationOutcome.NotFound("chk-1"));
        assertThat(settle(OTHER_SHOP, "chk-1", "release")).isEqualTo(new ReservationOutcome.NotFound("chk-1"));
        assertThat(level().reserved()).isEqualTo(2);
        assertThat(get(SHOP, "chk-1")).isInstanceOfSatisfying(ReservationOutcome.Found.class,
                f -> assertThat(f.reservation().status()).isEqualTo(ReservationStatus.ACTIVE));
        // and creating it is a new hold of its own, never 409
        assertThat(create(OTHER_SHOP, hold("chk-1", 3))).isInstanceOf(ReservationOutcome.Held.class);
    }

    @Test
    void create_shouldRefuseOutOfScope_whenTheSignerMayNotReserve() {
        // when: a till names itself and signs a hold
        String body = hold("chk-1", 1);
        Map<String, String> headers = new HashMap<>(Signer.headers(secrets.get(POS), body));
        headers.put(ReservationService.SOURCE_HEADER, POS);
        ReservationOutcome named = service.create(request(headers, body, CREATE), telemetry);
        // and without naming itself it is no storefront at all
        ReservationOutcome unnamed = create(POS, hold("chk-2", 1));
        // then
        assertThat(named).isInstanceOfSatisfying(ReservationOutcome.OutOfScope.class, o -> assertThat(o.problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("canReserve")));
        assertThat(unnamed).isInstanceOfSatisfying(ReservationOutcome.RequestRefused.class,
                r -> assertThat(r.code()).isEqualTo("INVALID_SIGNATURE"));
        assertThat(level().reserved()).isZero();
    }

    @Test
    void create_shouldRefuseOutOfScope_whenTheHoldIsAtALocationOutsideTheStorefrontsScope() {
        // given: the outlet storefront may hold stock at outlet-* only
        sources.register(sources.source(OTHER_SHOP).orElseThrow().withLocations(List.of("outlet-*")));
        // when
        ReservationOutcome outcome = create(OTHER_SHOP, hold("chk-1", 1));
        // then
        assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.OutOfScope.class,
                o -> assertThat(o.problems()).extracting(io.inventorysync.domain.Problem::path).containsExactly("locationId"));
        assertThat(level().reserved()).isZero();
    }

    @Test
    void commitAndFulfil_shouldBeRefusedOutOfScopeAndChangeNothing_whenTheStorefrontsScopeWasNarrowedAfterTheHold() {
        // given: an active hold and a deferred commitment at web-dc, then the shop is narrowed to its stores
        assertThat(create(SHOP, hold("chk-1", 1))).isInstanceOf(ReservationOutcome.Held.class);
        deferred("ord-1", 2, 1);
        sources.register(sources.source(SHOP).orElseThrow().withLocations(List.of("store-*")));

        // when
        ReservationOutcome committed = commit(SHOP, "chk-1", "{\"fulfilment\":\"DEFERRED\"}");
        ReservationOutcome committedV1 = settle(SHOP, "chk-1", "commit");
        ReservationOutcome fulfilled = fulfil(SHOP, "ord-1", fulfilment("f-1", "BLU-SHIRT-M", 1));

        // then: 403 naming the hold's location, and nothing moved
        for (ReservationOutcome refused : List.of(committed, committedV1, fulfilled)) {
            assertThat(refused).isInstanceOfSatisfying(ReservationOutcome.OutOfScope.class, o -> {
                assertThat(o.code()).isEqualTo("OUT_OF_SCOPE");
                assertThat(o.problems()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("locationId");
                    assertThat(p.message()).contains("web-dc");
                });
            });
        }
        assertLevel("BLU-SHIRT-M", 5, 1, 2, 2);
        assertThat(store.reservation(new io.inventorysync.domain.HoldRef(SHOP, "chk-1"))).get()
                .extracting(Reservation::status).isEqualTo(ReservationStatus.ACTIVE);
        assertThat(store.reservation(new io.inventorysync.domain.HoldRef(SHOP, "ord-1"))).get()
                .satisfies(r -> assertThat(r.fulfilments()).isEmpty());
    }

    @Test
    void fulfil_shouldAnswerARepeatAsTheFirst_afterTheScopeWasNarrowed_butRefuseANewFulfilment() {
        // given: a deferred commitment partly fulfilled under f-1, then the shop narrowed to its stores
        deferred("ord-1", 2, 1);
        String first = fulfilment("f-1", "BLU-SHIRT-M", 1);
        assertThat(fulfil(SHOP, "ord-1", first)).isInstanceOf(ReservationOutcome.Fulfilled.class);
        sources.register(sources.source(SHOP).orElseThrow().withLocations(List.of("store-*")));
        // when
        ReservationOutcome repeated = fulfil(SHOP, "ord-1", first);
        ReservationOutcome reused = fulfil(SHOP, "ord-1", fulfilment("f-1", "RED-SOCK", 1));
        ReservationOutcome fresh = fulfil(SHOP, "ord-1", fulfilment("f-2", "RED-SOCK", 1));
        // then: the repeat is harmless as ever, the same key with another body still a key reuse, the
        // new fulfilment out of scope; one shirt left, once
        assertThat(repeated).isInstanceOfSatisfying(ReservationOutcome.Fulfilled.class,
                f -> assertThat(f.repeated()).isTrue());
        assertThat(reused).isInstanceOf(ReservationOutcome.FulfilmentKeyReused.class);
        assertThat(fresh).isInstanceOfSatisfying(ReservationOutcome.OutOfScope.class,
                o -> assertThat(o.problems()).extracting(Problem::path).containsExactly("locationId"));
        assertLevel("BLU-SHIRT-M", 4, 0, 1, 3);
        assertLevel("RED-SOCK", 4, 0, 1, 3);
    }

    @Test
    void get_shouldAnswerAnUnknownId404ToAStorefront_and403ToASourceThatMayNotReserve() {
        // given: the till names itself; a storefront narrowed to its stores
        sources.register(sources.source(SHOP).orElseThrow().withLocations(List.of("store-*")));
        // when / then
        assertThat(get(SHOP, "nope")).isInstanceOf(ReservationOutcome.NotFound.class);
        assertThat(named(POS, "", "GET /v1/reservations/nope", r -> service.get(r, "nope")))
                .isInstanceOfSatisfying(ReservationOutcome.OutOfScope.class,
                        o -> assertThat(o.problems()).extracting(Problem::message).anyMatch(m -> m.contains("canReserve")));
    }

    @Test
    void releaseAndCancel_shouldGiveTheUnitsBack_whenTheStorefrontsScopeWasNarrowedAfterTheHold() {
        // given
        assertThat(create(SHOP, hold("chk-1", 1))).isInstanceOf(ReservationOutcome.Held.class);
        deferred("ord-1", 2, 1);
        sources.register(sources.source(SHOP).orElseThrow().withLocations(List.of("store-*")));

        // when / then: its own holds are still the shop's to give back (and to read), so no unit is stranded
        assertThat(get(SHOP, "chk-1")).isInstanceOf(ReservationOutcome.Found.class);
        assertThat(settle(SHOP, "chk-1", "release")).isInstanceOfSatisfying(ReservationOutcome.Settled.class,
                r -> assertThat(r.reservation().status()).isEqualTo(ReservationStatus.RELEASED));
        assertThat(cancel(SHOP, "ord-1")).isInstanceOfSatisfying(ReservationOutcome.Settled.class,
                r -> assertThat(r.reservation().status()).isEqualTo(ReservationStatus.CANCELLED));
        assertLevel("BLU-SHIRT-M", 5, 0, 0, 5);
        assertLevel("RED-SOCK", 4, 0, 0, 4);
    }

    @Test
    void holdSteps_whenCanReserveWasWithdrawn_shouldRefuseCommitAndFulfil_butLetTheOwnerReleaseCancelAndRead() {
        // given
        assertThat(create(SHOP, hold("chk-1", 1))).isInstanceOf(ReservationOutcome.Held.class);
        deferred("ord-1", 2, 1);
        sources.register(sources.source(SHOP).orElseThrow().withCanReserve(false));

        // when: no longer a storefront, it names itself (a v1 request is checked against storefronts only)
        ReservationOutcome committed = named(SHOP, "", "POST /v1/reservations/chk-1/commit",
                r -> service.commit(r, "chk-1", telemetry));
        ReservationOutcome fulfilled = named(SHOP, fulfilment("f-1", "BLU-SHIRT-M", 1), "POST /v1/reservations/ord-1/fulfil",
                r -> service.fulfil(r, "ord-1", telemetry));
        ReservationOutcome unknown = named(SHOP, "", "POST /v1/reservations/nope/release",
                r -> service.release(r, "nope", telemetry));

        // then: nothing sold, and an id it does not hold is still "may not reserve"
        for (ReservationOutcome refused : List.of(committed, fulfilled, unknown)) {
            assertThat(refused).isInstanceOfSatisfying(ReservationOutcome.OutOfScope.class,
                    o -> assertThat(o.problems()).extracting(Problem::message).anyMatch(m -> m.contains("canReserve")));
        }
        assertLevel("BLU-SHIRT-M", 5, 1, 2, 2);
        // and its own holds it may still read and give back
        assertThat(named(SHOP, "", "GET /v1/reservations/chk-1", r -> service.get(r, "chk-1")))
                .isInstanceOf(ReservationOutcome.Found.class);
        assertThat(named(SHOP, "", "POST /v1/reservations/chk-1/release", r -> service.release(r, "chk-1", telemetry)))
                .isInstanceOf(ReservationOutcome.Settled.class);
        assertThat(named(SHOP, "", "POST /v1/reservations/ord-1/cancel", r -> service.cancel(r, "ord-1", telemetry)))
                .isInstanceOf(ReservationOutcome.Settled.class);
        assertLevel("BLU-SHIRT-M", 5, 0, 0, 5);
    }

    @Test
    void routes_shouldFindTheNamedStorefront_withoutTryingTheOthers() {
        // given: a request that names its storefront in the header
        String body = hold("chk-1", 1);
        Map<String, String> headers = new HashMap<>(Signer.headers(secrets.get(OTHER_SHOP), body));
        headers.put(ReservationService.SOURCE_HEADER, OTHER_SHOP);
        // when
        ReservationOutcome outcome = service.create(request(headers, body, CREATE), telemetry);
        // then
        assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.Held.class,
                h -> assertThat(h.reservation().sourceId()).isEqualTo(OTHER_SHOP));
        // naming another storefront than the signer's is a bad signature
        Map<String, String> lying = new HashMap<>(Signer.headers(secrets.get(OTHER_SHOP), hold("chk-2", 1)));
        lying.put(ReservationService.SOURCE_HEADER, SHOP);
        assertThat(service.create(request(lying, hold("chk-2", 1), CREATE), telemetry))
                .isInstanceOfSatisfying(ReservationOutcome.RequestRefused.class,
                        r -> assertThat(r.code()).isEqualTo("INVALID_SIGNATURE"));
    }

    @Test
    void create_shouldAcceptAStorefrontAddedAfterTheListWasRead() {
        // given: the list of storefronts is read
        create(SHOP, hold("chk-1", 1));
        String secret = Signer.newSecret();
        secrets.put("shop-new", secret);
        sources.register(new Source("shop-new", Settings.SOURCE_SECRET_PREFIX + "shop-new", Map.of(),
                Source.UnknownSkuPolicy.PASS_THROUGH).withCanReserve(true));
        // when: a new storefront signs a v1 request (no source named) 10 s later
        clock.advance(io.inventorysync.auth.Storefronts.MIN_AGE);
        ReservationOutcome outcome = create("shop-new", hold("chk-9", 1));
        // then
        assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.Held.class,
                h -> assertThat(h.reservation().sourceId()).isEqualTo("shop-new"));
    }

    private ReservationOutcome create(String source, String body) {
        return service.create(request(Signer.headers(secrets.get(source), body), body, CREATE), telemetry);
    }

    private ReservationOutcome settle(String source, String id, String action) {
        ReservationService.Request request = request(Signer.headers(secrets.get(source), ""), "",
                "POST /v1/reservations/" + id + "/" + action);
        return action.equals("commit") ? service.commit(request, id, telemetry) : service.release(request, id, telemetry);
    }

    /** A request signed by {@code source} that names it in the {@value ReservationService#SOURCE_HEADER} header. */
    private ReservationOutcome named(String source, String body, String route,
                                     java.util.function.Function<ReservationService.Request, ReservationOutcome> call) {
        Map<String, String> headers = new HashMap<>(Signer.headers(secrets.get(source), body));
        headers.put(ReservationService.SOURCE_HEADER, source);
        return call.apply(request(headers, body, route));
    }

    private ReservationOutcome commit(String source, String id, String body) {
        return service.commit(request(Signer.headers(secrets.get(source), body), body,
                "POST /v1/reservations/" + id + "/commit"), id, telemetry);
    }

    private ReservationOutcome fulfil(String source, String id, String body) {
        return service.fulfil(request(Signer.headers(secrets.get(source), body), body,
                "POST /v1/reservations/" + id + "/fulfil"), id, telemetry);
    }

    private ReservationOutcome cancel(String source, String id) {
        return service.cancel(request(Signer.headers(secrets.get(source), ""), "",
                "POST /v1/reservations/" + id + "/cancel"), id, telemetry);
    }

    /** A hold of {@code shirts} BLU-SHIRT-M and {@code socks} RED-SOCK, committed with deferred fulfilment. */
    private void deferred(String id, int shirts, int socks) {
        assertThat(create(SHOP, order(id, shirts, socks))).isInstanceOf(ReservationOutcome.Held.class);
        assertThat(commit(SHOP, id, "{\"fulfilment\":\"DEFERRED\"}")).isInstanceOf(ReservationOutcome.Settled.class);
    }

    private static String order(String id, int shirts, int socks) {
        return "{\"reservationId\":\"" + id + "\",\"locationId\":\"web-dc\",\"lines\":["
                + "{\"sku\":\"BLU-SHIRT-M\",\"quantity\":" + shirts + "},"
                + "{\"sku\":\"RED-SOCK\",\"quantity\":" + socks + "}]}";
    }

    private static String fulfilment(String fulfilmentId, String sku, int quantity) {
        return "{\"fulfilmentId\":\"" + fulfilmentId + "\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":" + quantity + "}]}";
    }

    private void assertLevel(String sku, long onHand, long reserved, long committed, long available) {
        StockLevel level = store.level(sku, "web-dc").orElseThrow();
        assertThat(List.of(level.onHand(), level.reserved(), level.committed(), level.available()))
                .as(sku + " onHand, reserved, committed, available")
                .containsExactly(onHand, reserved, committed, available);
    }

    private ReservationOutcome get(String source, String id) {
        return service.get(request(Signer.headers(secrets.get(source), ""), "", "GET /v1/reservations/" + id), id);
    }

    private static ReservationService.Request request(Map<String, String> headers, String body, String route) {
        return new ReservationService.Request(headers, body.getBytes(StandardCharsets.UTF_8), route);
    }

    private static String hold(String id, int quantity) {
        return "{\"reservationId\":\"" + id + "\",\"locationId\":\"web-dc\",\"ttlSeconds\":60,"
                + "\"lines\":[{\"sku\":\"BLU-SHIRT-M\",\"quantity\":" + quantity + "}]}";
    }

    private StockLevel level() {
        return store.level("BLU-SHIRT-M", "web-dc").orElseThrow();
    }
}
