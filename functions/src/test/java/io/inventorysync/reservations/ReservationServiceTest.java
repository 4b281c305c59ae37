package io.inventorysync.reservations;

import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.domain.ChangeType;
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

/** {@link ReservationService} on the in-memory store: contract v1's reservation routes. */
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
                    Source.UnknownSkuPolicy.PASS_THROUGH));
        }
        service = new ReservationService(new SourceAuthenticator(sources, s -> List.of(secrets.get(s.sourceId()))),
                store, List.of(SHOP, OTHER_SHOP), clock);
        store.apply(Events.one("r-1", ChangeType.RECEIPT, clock.instant().minusSeconds(60), "web-dc", "BLU-SHIRT-M", 5));
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
        assertThat(store.reservation("chk-1")).map(r -> r.status()).contains(ReservationStatus.ACTIVE);
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
        assertThat(store.reservation("chk-1")).map(r -> r.status()).contains(ReservationStatus.ACTIVE);
    }

    private ReservationOutcome create(String source, String body) {
        return service.create(request(Signer.headers(secrets.get(source), body), body, CREATE), telemetry);
    }

    private ReservationOutcome settle(String source, String id, String action) {
        ReservationService.Request request = request(Signer.headers(secrets.get(source), ""), "",
                "POST /v1/reservations/" + id + "/" + action);
        return action.equals("commit") ? service.commit(request, id, telemetry) : service.release(request, id, telemetry);
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
