package io.inventorysync.adapters;

import io.inventorysync.auth.SigningSecrets;
import io.inventorysync.auth.VendorSignature;
import io.inventorysync.domain.Digests;
import io.inventorysync.domain.EventValidator;
import io.inventorysync.domain.Fulfilment;
import io.inventorysync.domain.FulfilmentRequest;
import io.inventorysync.domain.HoldRef;
import io.inventorysync.domain.HoldRules;
import io.inventorysync.domain.HoldStep;
import io.inventorysync.domain.Ids;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.SnapshotRules;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.SourceScope;
import io.inventorysync.domain.Validated;
import io.inventorysync.domain.vendor.ShopifyMapping;
import io.inventorysync.domain.vendor.SquareMapping;
import io.inventorysync.domain.vendor.VendorAction;
import io.inventorysync.domain.vendor.VendorConfig;
import io.inventorysync.http.JsonText;
import io.inventorysync.ingest.IngestResult;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.store.EventReceipt;
import io.inventorysync.store.EventReceipts;
import io.inventorysync.store.FulfilResult;
import io.inventorysync.store.HoldResult;
import io.inventorysync.store.Holds;
import io.inventorysync.store.MovementLedger;
import io.inventorysync.store.OrderHolds;
import io.inventorysync.store.PullPositions;
import io.inventorysync.store.PullPositions.PullPosition;
import io.inventorysync.store.PushedQuantities;
import io.inventorysync.store.SourceRegistry;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The vendor adapter routes (contract v1.1, "Vendor adapters"): the vendor's own signature, then
 * its payload mapped by {@link ShopifyMapping} or {@link SquareMapping}, then the same
 * validate-queue path as {@code POST /v1/sources/{sourceId}/events} ({@link IngestService#accept}),
 * so receipts, exactly-once and event status are those of any source. Hold steps go to the hold
 * lifecycle; what cannot be mapped is recorded {@code REJECTED} and answered 2xx, so the vendor
 * does not retry it for hours.
 */
public final class VendorAdapters {
    public static final String SHOPIFY_SIGNATURE = "x-shopify-hmac-sha256";
    public static final String SHOPIFY_TOPIC = "x-shopify-topic";
    public static final String SQUARE_SIGNATURE = "x-square-hmacsha256-signature";
    /** How far back a source's first pull looks: the changes that led to its first notification. */
    public static final Duration FIRST_PULL_LOOKBACK = Duration.ofMinutes(10);
    /** How far each query re-reads before the last change seen (repeats are harmless: same ids, same bodies). */
    public static final Duration PULL_OVERLAP = Duration.ofMinutes(1);
    /** Pages read per pull: the rest waits for the next notification or the schedule. */
    public static final int MAX_PAGES_PER_PULL = 10;
    /** The reason an event of a vendor's outside its source's scope is recorded with (contract v1.1). */
    public static final String OUT_OF_SCOPE = "OUT_OF_SCOPE";
    private static final Logger LOG = LogManager.getLogger(VendorAdapters.class);

    private final SourceRegistry sources;
    private final SigningSecrets secrets;
    private final IngestService ingest;
    private final EventReceipts receipts;
    private final MovementLedger ledger;
    private final Holds holds;
    private final OrderHolds orders;
    private final PullPositions positions;
    private final PushedQuantities pushed;
    private final SquareChanges square;
    private final DriftReports drift;
    private final Clock clock;
    private final EventValidator validator;

    public <S extends EventReceipts & MovementLedger & Holds, V extends OrderHolds & PullPositions & PushedQuantities>
    VendorAdapters(SourceRegistry sources, SigningSecrets secrets, IngestService ingest, S store, V vendorState,
                   SquareChanges square, DriftReports drift, Clock clock) {
        this.sources = sources;
        this.secrets = secrets;
        this.ingest = ingest;
        this.receipts = store;
        this.ledger = store;
        this.holds = store;
        this.orders = vendorState;
        this.positions = vendorState;
        this.pushed = vendorState;
        this.square = square;
        this.drift = drift;
        this.clock = clock;
        this.validator = new EventValidator(clock);
    }

    /** A delivery as the handler extracted it; header names in lower case. */
    public record Request(String sourceId, Map<String, String> headers, byte[] body) {
    }

    /**
     * For priming: what a Shopify {@code orders/create} delivery runs besides its I/O, on made-up
     * data (the order's mapping to actions), and the handled result. Not a delivery itself: the
     * adapters cache the sources and keys they read, and a made-up one must not outlive the priming.
     */
    public static AdapterResult primingResult() {
        try {
            Object order = io.inventorysync.http.Json.MAPPER.readValue("{\"id\":1,\"processed_at\":\"2026-01-01T00:00:00Z\","
                    + "\"location_id\":1,\"line_items\":[{\"variant_id\":1,\"sku\":\"PRIME\",\"quantity\":1}]}", Object.class);
            List<VendorAction> actions = ShopifyMapping.map("orders/create", order, new VendorConfig.Shopify(
                    "prime.myshopify.com", "prime", Map.of("1", "prime"), Map.of()), orderId -> false);
            return new AdapterResult.Handled("orders/create", actions.stream()
                    .map(a -> new AdapterResult.Outcome("prime-1", "QUEUED", null)).toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code POST /v1/sources/{sourceId}/adapters/shopify}. */
    public AdapterResult shopify(Request request, Telemetry telemetry) {
        Admission<VendorConfig.Shopify> admitted = admit(request, VendorConfig.Shopify.class, "SHOPIFY",
                SHOPIFY_SIGNATURE, "X-Shopify-Hmac-Sha256", shop -> request.body(), telemetry);
        if (admitted.refused() != null) {
            return admitted.refused();
        }
        Source source = admitted.source();
        VendorConfig.Shopify shop = admitted.vendor();
        Object payload = admitted.payload();
        String topic = request.headers().getOrDefault(SHOPIFY_TOPIC, "");
        List<VendorAction> actions = ShopifyMapping.map(topic, payload, shop,
                orderId -> orders.holdOfOrder(source.sourceId(), orderId).isPresent());
        telemetry.count("AdapterDeliveries", 1, "Topic", "shopify " + topic);
        return carryOut(source, shop.shopDomain(), topic, actions, telemetry);
    }

    /**
     * {@code POST /v1/sources/{sourceId}/adapters/square}: a notification only triggers a pull
     * ({@link #pullSquare}); the changes themselves are read from Square.
     */
    public AdapterResult square(Request request, Telemetry telemetry) {
        Admission<VendorConfig.Square> admitted = admit(request, VendorConfig.Square.class, "SQUARE", SQUARE_SIGNATURE,
                "x-square-hmacsha256-signature",
                account -> VendorSignature.squareSigned(account.notificationUrl(), request.body()), telemetry);
        if (admitted.refused() != null) {
            return admitted.refused();
        }
        Source source = admitted.source();
        VendorConfig.Square account = admitted.vendor();
        Object notification = admitted.payload();
        String type = notification instanceof Map<?, ?> m && m.get("type") instanceof String s ? s : "";
        telemetry.count("AdapterDeliveries", 1, "Topic", "square " + type);
        if (!SquareMapping.isForMerchant(notification, account)) {
            // Signed with this source's key, but for another seller (one Square application's
            // subscription sends every authorizing seller's notifications): never a pull for this
            // source. Answered 2xx: Square retries anything else for 24 hours, and this one would be
            // refused on every retry.
            LOG.warn("square notification {} for source {} names another merchant than {}: ignored", type,
                    source.sourceId(), account.merchantId());
            telemetry.count("AdapterDeliveriesIgnored", 1, "Reason", SquareMapping.OTHER_MERCHANT);
            return new AdapterResult.Handled(type, List.of(new AdapterResult.Outcome(null, "IGNORED",
                    SquareMapping.OTHER_MERCHANT)));
        }
        if (!type.equals("inventory.count.updated")) {
            LOG.info("square notification ignored: {}", type);
            telemetry.count("AdapterDeliveriesIgnored", 1);
            return new AdapterResult.Handled(type, List.of(new AdapterResult.Outcome(null, "IGNORED",
                    "notification type " + type + " is not mapped")));
        }
        PullResult pull = pullSquare(source, account, telemetry);
        return new AdapterResult.Handled(type, pull.outcomes());
    }

    /** What a pull did: the outcomes of the pages it read, and whether it reached the end of Square's changes. */
    public record PullResult(List<AdapterResult.Outcome> outcomes, int pages, boolean caughtUp) {
    }

    /** The schedule's pull for one source; a source that is not a Square source pulls nothing. */
    public PullResult pullSquare(String sourceId, Telemetry telemetry) {
        Optional<Source> source = source(sourceId);
        if (source.isPresent() && source.get().vendor() instanceof VendorConfig.Square account) {
            return pullSquare(source.get(), account, telemetry);
        }
        return new PullResult(List.of(), 0, true);
    }

    /** The sources the schedule pulls for: those that have pulled before. */
    public List<String> pulledSources() {
        return positions.pulledSources();
    }

    /**
     * Reads Square's changes page by page from the stored position; each page's events go through
     * the ingest path, and only once they are accepted is the position after that page saved. A
     * crash, a refusal or Square failing stops the pull where it is; the next one resumes there.
     */
    private PullResult pullSquare(Source source, VendorConfig.Square account, Telemetry telemetry) {
        Instant now = clock.instant();
        Optional<PullPosition> stored = positions.pullPosition(source.sourceId());
        PullPosition position = stored
                .orElseGet(() -> new PullPosition(now.minus(FIRST_PULL_LOOKBACK), null, now.minus(FIRST_PULL_LOOKBACK)));
        if (stored.isEmpty()) {
            positions.savePullPosition(source.sourceId(), position);
        }
        List<AdapterResult.Outcome> outcomes = new ArrayList<>();
        for (int pages = 0; pages < MAX_PAGES_PER_PULL; pages++) {
            Object page;
            try {
                page = square.page(account, position.since(), position.cursor());
            } catch (SquareChanges.SquareUnavailableException e) {
                LOG.warn("square pull for {} stopped: {}", source.sourceId(), e.getMessage());
                telemetry.count("SquarePullFailures", 1);
                return new PullResult(outcomes, pages, false);
            }
            AdapterResult result = carryOut(source, account.merchantId(), "BatchRetrieveInventoryChanges",
                    SquareMapping.map(page, account), telemetry);
            if (!(result instanceof AdapterResult.Handled handled)) {
                LOG.error("square page for {} refused by the ingest path: {}; the pull stays at this page",
                        source.sourceId(), ((AdapterResult.Refused) result).refused().code());
                telemetry.count("SquarePullFailures", 1);
                return new PullResult(outcomes, pages, false);
            }
            outcomes.addAll(handled.outcomes());
            Instant seenBefore = position.highWater();
            Instant highWater = latestChange(page).filter(seenBefore::isBefore).orElse(seenBefore);
            Optional<String> next = SquareMapping.nextCursor(page);
            position = next.isPresent() ? new PullPosition(position.since(), next.get(), highWater)
                    : new PullPosition(laterOf(position.since(), highWater.minus(PULL_OVERLAP)), null, highWater);
            positions.savePullPosition(source.sourceId(), position);
            telemetry.count("SquarePagesPulled", 1);
            if (next.isEmpty()) {
                return new PullResult(outcomes, pages + 1, true);
            }
        }
        return new PullResult(outcomes, MAX_PAGES_PER_PULL, false);
    }

    private AdapterResult carryOut(Source source, String vendorAccount, String topic, List<VendorAction> actions,
                                   Telemetry telemetry) {
        List<AdapterResult.Outcome> outcomes = new ArrayList<>();
        // Events first: if the ingest path refuses them, nothing else of the delivery is done either.
        SourceScope scope = SourceScope.of(source);
        for (VendorAction action : actions) {
            if (action instanceof VendorAction.Submit submit) {
                // The source's scope applies to its vendor's events too (v1.1). A vendor cannot be told
                // to resend differently, so an event out of scope is recorded REJECTED (OUT_OF_SCOPE,
                // visible in its status) and the rest of the delivery goes on; never a 4xx or 5xx.
                List<Map<String, Object>> inScope = new ArrayList<>(submit.events().size());
                for (Map<String, Object> event : submit.events()) {
                    List<Problem> outside = validator.validate(event, "") instanceof Validated.Valid<InventoryEvent> valid
                            ? scope.outOfScope(valid.value(), "") : List.of();
                    if (outside.isEmpty()) {
                        inScope.add(event);
                    } else {
                        outcomes.add(reject(source, eventIdOf(event), OUT_OF_SCOPE, outside.stream()
                                .map(p -> p.path() + " " + p.message()).collect(Collectors.joining("; ")), telemetry));
                    }
                }
                for (int from = 0; from < inScope.size(); from += IngestService.MAX_EVENTS) {
                    List<Map<String, Object>> chunk = inScope.subList(from,
                            Math.min(inScope.size(), from + IngestService.MAX_EVENTS));
                    switch (ingest.accept(source, Map.of("events", chunk), telemetry)) {
                        case IngestResult.Accepted accepted -> accepted.eventIds()
                                .forEach(id -> outcomes.add(new AdapterResult.Outcome(id, "QUEUED", null)));
                        case IngestResult.Refused refused -> {
                            return new AdapterResult.Refused(refused);
                        }
                    }
                }
            }
        }
        for (VendorAction action : actions) {
            switch (action) {
                case VendorAction.Submit ignored -> {
                    // done above
                }
                case VendorAction.Reject reject -> outcomes.add(reject(source, reject.eventId(), reject.reason(),
                        reject.detail(), telemetry));
                case VendorAction.CommitHold commit -> outcomes.add(commit(source, commit, telemetry));
                case VendorAction.FulfilHold fulfil -> outcomes.add(fulfil(source, fulfil, telemetry));
                case VendorAction.CancelHold cancel -> outcomes.add(cancel(source, cancel, telemetry));
                case VendorAction.Observe observe -> outcomes.add(observe(source, vendorAccount, observe, telemetry));
                case VendorAction.Ignore ignore -> {
                    LOG.info("{} delivery to {}: ignored ({})", topic, source.sourceId(), ignore.why());
                    telemetry.count("AdapterDeliveriesIgnored", 1);
                    outcomes.add(new AdapterResult.Outcome(null, "IGNORED", ignore.why()));
                }
            }
        }
        return new AdapterResult.Handled(topic, outcomes);
    }

    private static String eventIdOf(Map<String, Object> event) {
        return event.get("eventId") instanceof String id ? id : "";
    }

    /**
     * An event that can never apply is recorded as a receipt with one rejected line, so its status
     * reads {@code REJECTED} with {@code reason}; the vendor gets a 2xx and does not retry.
     */
    private AdapterResult.Outcome reject(Source source, String eventId, String reason, String detail, Telemetry telemetry) {
        if (!Ids.isId(eventId)) {
            LOG.warn("vendor event id not recordable: {} ({})", eventId, reason);
            return new AdapterResult.Outcome(eventId, "REJECTED", reason);
        }
        List<String> conflicts = receipts.recordUnqueuedReceipts(List.of(new EventReceipt(source.sourceId(), eventId,
                Digests.sha256("rejected:" + reason), 1, clock.instant())));
        if (conflicts.isEmpty()) {
            ledger.recordRejected(MovementKey.of(source.sourceId(), eventId, 0), null, null, reason);
        }
        LOG.warn("vendor event {} of {} rejected: {} ({})", eventId, source.sourceId(), reason, detail);
        telemetry.count("AdapterEventsRejected", 1, "Reason", reason);
        return new AdapterResult.Outcome(eventId, "REJECTED", reason);
    }

    /**
     * The reservation routes' rule for a step on a hold, asked of the domain
     * ({@link SourceScope#holdStepRefused}), by the source's configuration now: commit and fulfil
     * need {@code canReserve} and the hold's location in scope; cancel gives units back and is always
     * the owner's to take. The hold's ownership is the other rule, kept by looking the hold up under
     * this source only. A step already done ({@code repeat}: a redelivered order or fulfilment, after
     * the scope was narrowed) changes nothing, so it answers as the first did, as on the reservation
     * routes. Refused: the event is recorded {@code REJECTED OUT_OF_SCOPE} (visible in its status) and
     * the hold is untouched.
     */
    private Optional<AdapterResult.Outcome> holdStepRefused(Source source, Optional<Reservation> hold, HoldStep step,
                                                           boolean repeat, String eventId, String reservationId,
                                                           Telemetry telemetry) {
        List<Problem> refused = SourceScope.of(source).holdStepRefused(hold, step, repeat);
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(reject(source, eventId, OUT_OF_SCOPE, step.name().toLowerCase(Locale.ROOT) + " hold "
                + reservationId + ": " + refused.stream().map(Problem::toString).collect(Collectors.joining("; ")),
                telemetry));
    }

    /**
     * A hold step the vendor's order asks for: the hold, when this source may take {@code step} on it,
     * or the outcome that ends the step here ({@code answered}: nothing touched).
     */
    private record OrderStep(HoldRef hold, AdapterResult.Outcome answered) {
    }

    /**
     * What fulfil and cancel share before their step: the hold the order committed (none: the order
     * was a sale, ignored), the hold itself (gone: {@code RESERVATION_UNKNOWN}), and the rule for the step.
     */
    private OrderStep orderStep(Source source, String orderId, String eventId, HoldStep step,
                                java.util.function.Predicate<Reservation> done, Telemetry telemetry) {
        Optional<String> reservationId = orders.holdOfOrder(source.sourceId(), orderId);
        if (reservationId.isEmpty()) {
            return new OrderStep(null, new AdapterResult.Outcome(eventId, "IGNORED", "the order committed no hold"));
        }
        HoldRef ref = new HoldRef(source.sourceId(), reservationId.get());
        Optional<Reservation> hold = holds.reservation(ref);
        Optional<AdapterResult.Outcome> refused = holdStepRefused(source, hold, step, hold.filter(done).isPresent(),
                eventId, reservationId.get(), telemetry);
        if (refused.isPresent()) {
            return new OrderStep(null, refused.get());
        }
        if (hold.isEmpty()) {
            return new OrderStep(null, reject(source, eventId, "RESERVATION_UNKNOWN", "no hold " + reservationId.get(),
                    telemetry));
        }
        return new OrderStep(ref, null);
    }

    private AdapterResult.Outcome commit(Source source, VendorAction.CommitHold commit, Telemetry telemetry) {
        // Reservation ids are the storefront's own (v1.1): a hold is found only under the source that
        // placed it, so an order naming another source's hold finds none.
        HoldRef ref = new HoldRef(source.sourceId(), commit.reservationId());
        Optional<Reservation> hold = holds.reservation(ref);
        Optional<AdapterResult.Outcome> refused = holdStepRefused(source, hold, HoldStep.COMMIT,
                hold.filter(HoldRules::commitDone).isPresent(), commit.eventId(), commit.reservationId(), telemetry);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (hold.isEmpty()) {
            return reject(source, commit.eventId(), "RESERVATION_UNKNOWN", "no hold " + commit.reservationId(), telemetry);
        }
        return switch (holds.commit(ref, Fulfilment.DEFERRED)) {
            case HoldResult.Settled settled -> {
                orders.linkOrder(source.sourceId(), commit.orderId(), commit.reservationId());
                yield new AdapterResult.Outcome(commit.eventId(), "COMMITTED", null);
            }
            case HoldResult.NotActive notActive -> reject(source, commit.eventId(), "RESERVATION_NOT_ACTIVE",
                    "hold " + commit.reservationId() + " is " + notActive.reservation().status(), telemetry);
            case HoldResult.NotDue notDue -> throw new IllegalStateException("a commit is never 'not due'");
            case HoldResult.NotFound notFound -> reject(source, commit.eventId(), "RESERVATION_UNKNOWN",
                    "no hold " + commit.reservationId(), telemetry);
        };
    }

    private AdapterResult.Outcome fulfil(Source source, VendorAction.FulfilHold fulfil, Telemetry telemetry) {
        OrderStep step = orderStep(source, fulfil.orderId(), fulfil.eventId(), HoldStep.FULFIL,
                hold -> HoldRules.fulfilmentDone(hold, fulfil.fulfilmentId()), telemetry);
        if (step.answered() != null) {
            return step.answered();
        }
        String hold = step.hold().reservationId();
        return switch (holds.fulfil(step.hold(), new FulfilmentRequest(fulfil.fulfilmentId(), fulfil.lines()))) {
            case FulfilResult.Fulfilled done -> new AdapterResult.Outcome(fulfil.eventId(), "FULFILLED", null);
            case FulfilResult.NotActive notActive -> reject(source, fulfil.eventId(), "RESERVATION_NOT_ACTIVE",
                    "hold " + hold + " is " + notActive.reservation().status(), telemetry);
            case FulfilResult.KeyReused reused -> reject(source, fulfil.eventId(), "IDEMPOTENCY_KEY_REUSED",
                    "fulfilment " + fulfil.fulfilmentId() + " was applied with other lines", telemetry);
            case FulfilResult.OverFulfilment over -> reject(source, fulfil.eventId(), "OVER_FULFILMENT",
                    "more than remains committed on " + hold, telemetry);
            case FulfilResult.NotFound notFound -> reject(source, fulfil.eventId(), "RESERVATION_UNKNOWN",
                    "no hold " + hold, telemetry);
        };
    }

    private AdapterResult.Outcome cancel(Source source, VendorAction.CancelHold cancel, Telemetry telemetry) {
        OrderStep step = orderStep(source, cancel.orderId(), cancel.eventId(), HoldStep.CANCEL, hold -> false, telemetry);
        if (step.answered() != null) {
            return step.answered();
        }
        String hold = step.hold().reservationId();
        return switch (holds.cancel(step.hold())) {
            case HoldResult.Settled settled -> new AdapterResult.Outcome(cancel.eventId(), "CANCELLED", null);
            case HoldResult.NotActive notActive -> reject(source, cancel.eventId(), "RESERVATION_NOT_ACTIVE",
                    "hold " + hold + " is " + notActive.reservation().status(), telemetry);
            case HoldResult.NotDue notDue -> throw new IllegalStateException("a cancel is never 'not due'");
            case HoldResult.NotFound notFound -> reject(source, cancel.eventId(), "RESERVATION_UNKNOWN",
                    "no hold " + hold, telemetry);
        };
    }

    /**
     * The echo rule: a shop's own number is compared with the last number this product pushed
     * there. Equal: our own push coming back. Beyond the source's {@code driftThreshold}: drift,
     * published once per observation (its id is the vendor's level, its time and its number, so a
     * byte-identical retry raises nothing more). Never a movement.
     */
    private AdapterResult.Outcome observe(Source source, String shopDomain, VendorAction.Observe observe,
                                          Telemetry telemetry) {
        Optional<PushedQuantities.Pushed> last = pushed.lastPushedTo(shopDomain, observe.vendorItemId(),
                observe.vendorLocationId());
        if (last.isEmpty()) {
            return new AdapterResult.Outcome(null, "NOT_PUSHED", null);
        }
        if (observe.available() == last.get().quantity()) {
            telemetry.count("AdapterEchoes", 1);
            return new AdapterResult.Outcome(null, "ECHO", null);
        }
        if (!SnapshotRules.drifts(observe.available(), last.get().quantity(), source.driftThreshold())) {
            return new AdapterResult.Outcome(null, "WITHIN_THRESHOLD", null);
        }
        String driftId = "shopify:" + shopDomain + ":level:" + observe.vendorItemId() + ":" + observe.vendorLocationId()
                + ":" + observe.observedAt().toEpochMilli() + ":" + observe.available();
        if (drift.report(new DriftReports.Drift(driftId, source.sourceId(), last.get().channel(), last.get().sku(),
                "CHANNEL_AVAILABLE", observe.available(), last.get().quantity(), last.get().version(),
                source.driftThreshold(), observe.observedAt()))) {
            telemetry.count("AdapterDrift", 1);
        }
        return new AdapterResult.Outcome(null, "DRIFT", null);
    }

    /** A delivery both adapter routes accept for mapping, or the answer that refused it. */
    private record Admission<V extends VendorConfig>(AdapterResult refused, Source source, V vendor, Object payload) {
        static <V extends VendorConfig> Admission<V> refusedBy(AdapterResult refused) {
            return new Admission<>(refused, null, null, null);
        }
    }

    /**
     * What both adapter routes check before mapping, in order: size, source, vendor kind, signature
     * (over what {@code signed} gives for the source's vendor configuration), then JSON.
     */
    private <V extends VendorConfig> Admission<V> admit(Request request, Class<V> kind, String vendorName,
                                                        String signatureHeader, String signatureHeaderShown,
                                                        java.util.function.Function<V, byte[]> signed, Telemetry telemetry) {
        if (request.body().length > IngestService.MAX_BODY_BYTES) {
            return Admission.refusedBy(new AdapterResult.Refused(
                    new IngestResult.TooLarge(request.body().length, IngestService.MAX_BODY_BYTES)));
        }
        Optional<Source> found = source(request.sourceId());
        if (found.isEmpty()) {
            return Admission.refusedBy(new AdapterResult.UnknownSource(request.sourceId()));
        }
        Source source = found.get();
        if (!kind.isInstance(source.vendor())) {
            return Admission.refusedBy(new AdapterResult.NotThisVendor(source.sourceId(), vendorName));
        }
        V vendor = kind.cast(source.vendor());
        if (!VendorSignature.isValid(secrets.secretsFor(source), signed.apply(vendor),
                request.headers().get(signatureHeader))) {
            telemetry.count("AdapterDeliveriesRejected", 1, "Code", "INVALID_SIGNATURE");
            return Admission.refusedBy(new AdapterResult.BadSignature(signatureHeaderShown));
        }
        try {
            return new Admission<>(null, source, vendor, JsonText.readTree(request.body()));
        } catch (IOException e) {
            return Admission.refusedBy(new AdapterResult.InvalidJson());
        }
    }

    private Optional<Source> source(String sourceId) {
        return Ids.isSourceId(sourceId) ? sources.source(sourceId) : Optional.empty();
    }

    /** The latest {@code created_at} of the page's changes: where the next query starts (less the overlap). */
    private static Optional<Instant> latestChange(Object page) {
        Instant latest = null;
        if (page instanceof Map<?, ?> m && m.get("changes") instanceof List<?> changes) {
            for (Object change : changes) {
                if (!(change instanceof Map<?, ?> c)) {
                    continue;
                }
                for (Object body : c.values()) {
                    if (body instanceof Map<?, ?> b && b.get("created_at") instanceof String s) {
                        try {
                            Instant t = OffsetDateTime.parse(s).toInstant();
                            latest = latest == null || t.isAfter(latest) ? t : latest;
                        } catch (DateTimeParseException e) {
                            // an unreadable time does not move the position
                        }
                    }
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    private static Instant laterOf(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

}
