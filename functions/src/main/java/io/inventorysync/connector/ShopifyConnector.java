package io.inventorysync.connector;

import io.inventorysync.adapters.DriftReports;
import io.inventorysync.domain.SnapshotRules;
import io.inventorysync.domain.vendor.ShopifyTarget;
import io.inventorysync.http.JsonText;
import io.inventorysync.retry.JitteredBackoff;
import io.inventorysync.store.PushedQuantities;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Pushes a channel's availability to a Shopify store (contract v1.1, "Vendor adapters": a channel
 * target of kind {@code SHOPIFY}). Reads {@code ChannelAvailabilityChanged} from the channel's
 * queue; a burst for one SKU is merged to its highest version; each push is an
 * {@code inventorySetQuantities} whose {@code changeFromQuantity} is the number last pushed
 * (compare-and-set), under an {@code @idempotent} key of {@code (channel, sku, version)} and that
 * {@code changeFromQuantity} ({@link #idempotencyKey}). {@code CHANGE_FROM_QUANTITY_STALE} re-reads
 * the shop and tries again; still stale after {@link #STALE_ATTEMPTS} tries is drift, published once.
 * A shop that cannot be reached is retried with jitter, then the message fails back to the queue (and
 * to the DLQ after its receive count).
 */
public final class ShopifyConnector {
    public static final int STALE_ATTEMPTS = 3;
    /**
     * The difference the connector tolerates between the shop's number and the channel's: none (it
     * sets the shop's number exactly; a channel has no source, so no source's {@code driftThreshold}).
     */
    static final long DRIFT_THRESHOLD = 0;
    public static final int CALL_ATTEMPTS = 3;
    private static final Logger LOG = LogManager.getLogger(ShopifyConnector.class);

    private final String channel;
    private final ShopifyTarget target;
    private final ShopifyAdminApi api;
    private final Function<String, String> tokens;
    private final PushedQuantities pushed;
    private final DriftReports drift;
    private final JitteredBackoff backoff;
    private final Clock clock;
    private final Map<String, Optional<String>> itemsBySku = new ConcurrentHashMap<>();

    public ShopifyConnector(String channel, ShopifyTarget target, ShopifyAdminApi api, Function<String, String> tokens,
                            PushedQuantities pushed, DriftReports drift, JitteredBackoff backoff, Clock clock) {
        this.channel = channel;
        this.target = target;
        this.api = api;
        this.tokens = tokens;
        this.pushed = pushed;
        this.drift = drift;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** A queue message: its id and body (an EventBridge event, or its detail). */
    public record Message(String messageId, String body) {
    }

    /** One channel availability change. */
    record Availability(String messageId, String sku, long available, long version) {
    }

    /**
     * What a batch came to.
     *
     * @param failedMessageIds the messages to receive again (the shop failed them); every other message is done
     */
    public record Result(List<String> failedMessageIds, int pushes, int merged, int alreadyPushed, int unknownSkus,
                         int drifted) {
    }

    public Result push(List<Message> messages, Telemetry telemetry) {
        Map<String, Availability> highest = new LinkedHashMap<>();
        int merged = 0;
        for (Message message : messages) {
            Optional<Availability> read = read(message);
            if (read.isEmpty()) {
                continue;
            }
            Availability a = read.get();
            Availability before = highest.get(a.sku());
            if (before == null || a.version() > before.version()) {
                highest.put(a.sku(), a);
            }
            merged += before == null ? 0 : 1;
        }
        List<String> failed = new ArrayList<>();
        int pushes = 0;
        int already = 0;
        int unknown = 0;
        int drifted = 0;
        for (Availability a : highest.values()) {
            try {
                switch (pushOne(a)) {
                    case PUSHED -> pushes++;
                    case ALREADY_PUSHED -> already++;
                    case UNKNOWN_SKU -> unknown++;
                    case DRIFT -> drifted++;
                    case REFUSED -> failed.add(a.messageId());
                }
            } catch (ShopifyAdminApi.ShopUnavailableException e) {
                LOG.warn("push of {} v{} to {} failed: {}; the queue retries it", a.sku(), a.version(),
                        target.shopDomain(), e.getMessage());
                failed.add(a.messageId());
            }
        }
        telemetry.count("ConnectorPushes", pushes);
        telemetry.count("ConnectorMerged", merged);
        telemetry.count("ConnectorUnknownSkus", unknown);
        telemetry.count("ConnectorFailures", failed.size());
        return new Result(failed, pushes, merged, already, unknown, drifted);
    }

    private enum Pushed { PUSHED, ALREADY_PUSHED, UNKNOWN_SKU, DRIFT, REFUSED }

    private Pushed pushOne(Availability a) {
        Optional<PushedQuantities.Pushed> last = pushed.lastPushed(channel, a.sku());
        if (last.isPresent() && last.get().version() >= a.version()) {
            return Pushed.ALREADY_PUSHED;
        }
        String token = tokens.apply(target.tokenSecretName());
        Optional<String> item = Optional.ofNullable(target.items().get(a.sku()))
                .or(() -> itemsBySku.computeIfAbsent(a.sku(), sku -> withRetries(() -> api.findInventoryItem(target, token, sku))));
        if (item.isEmpty()) {
            LOG.info("sku {} is not in shop {}: skipped", a.sku(), target.shopDomain());
            return Pushed.UNKNOWN_SKU;
        }
        long changeFrom = last.isPresent() ? last.get().quantity()
                : withRetries(() -> api.readAvailable(target, token, item.get())).orElse(0);
        String reference = "gid://inventory-sync/ChannelAvailability/" + channel + "/" + a.sku() + "/" + a.version();
        for (int attempt = 1; attempt <= STALE_ATTEMPTS; attempt++) {
            long base = changeFrom;
            String key = idempotencyKey(channel, a.sku(), a.version(), base);
            ShopifyAdminApi.SetResult result = withRetries(() -> api.setAvailable(target, token, item.get(),
                    a.available(), base, key, reference));
            switch (result) {
                case ShopifyAdminApi.Applied applied -> {
                    pushed.recordPushed(new PushedQuantities.Pushed(channel, a.sku(), a.available(), a.version(),
                            target.shopDomain(), ShopifyTarget.numericId(item.get()),
                            ShopifyTarget.numericId(target.locationId())));
                    return Pushed.PUSHED;
                }
                case ShopifyAdminApi.Stale stale -> {
                    LOG.info("push of {} v{}: shop's number is not {} (stale); reading it again", a.sku(), a.version(), base);
                    changeFrom = withRetries(() -> api.readAvailable(target, token, item.get())).orElse(0);
                }
                case ShopifyAdminApi.Refused refused -> {
                    LOG.error("push of {} v{} refused by {}: {}", a.sku(), a.version(), target.shopDomain(), refused.code());
                    return Pushed.REFUSED;
                }
            }
        }
        // Still stale after the last try. If the shop's own moves brought it to our number after all,
        // there is nothing to set and nothing drifted (the one rule, SnapshotRules.drifts): the shop
        // shows what we want, so that is the number the next push compares with.
        if (!SnapshotRules.drifts(changeFrom, a.available(), DRIFT_THRESHOLD)) {
            LOG.info("push of {} v{}: the shop shows {} after {} stale answers; nothing to set", a.sku(), a.version(),
                    changeFrom, STALE_ATTEMPTS);
            pushed.recordPushed(new PushedQuantities.Pushed(channel, a.sku(), a.available(), a.version(),
                    target.shopDomain(), ShopifyTarget.numericId(item.get()), ShopifyTarget.numericId(target.locationId())));
            return Pushed.ALREADY_PUSHED;
        }
        // The shop's number keeps moving under the push. Raised once per (channel, sku, version), so a
        // redelivered message that meets the same shop publishes nothing more; the connector reports it
        // itself (reportedBy: the channel), tolerating no difference.
        drift.report(new DriftReports.Drift("connector:" + channel + ":" + a.sku() + ":" + a.version(), channel, channel,
                a.sku(), "CHANNEL_AVAILABLE", changeFrom, a.available(), a.version(), DRIFT_THRESHOLD, clock.instant()));
        return Pushed.DRIFT;
    }

    /**
     * The {@code @idempotent} key: a UUID named by {@code (channel, sku, version)} (the contract's
     * "an {@code @idempotent} key per (channel, sku, version)") and the {@code changeFromQuantity}
     * the push compares with. A redelivered push of the same version from the same shop number is
     * the same request to the shop whichever container sends it (Shopify answers the first result
     * again); a push re-based on another number after a stale answer is a new request, because
     * Shopify refuses a key reused with other variables ({@code IDEMPOTENCY_KEY_PARAMETER_MISMATCH},
     * shopify.dev/docs/api/usage/implementing-idempotency: "distinct requests need different
     * idempotency keys"). README, "Vendor adapters", design decisions.
     */
    static String idempotencyKey(String channel, String sku, long version, long changeFromQuantity) {
        return UUID.nameUUIDFromBytes((channel + "\n" + sku + "\n" + version + "\n" + changeFromQuantity)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private <T> T withRetries(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ShopifyAdminApi.ShopUnavailableException e) {
                if (attempt >= CALL_ATTEMPTS || !backoff.pause(attempt)) {
                    throw e;
                }
            }
        }
    }

    /** The change a message carries, if it is this channel's; anything else is logged and dropped. */
    private Optional<Availability> read(Message message) {
        Map<?, ?> event;
        try {
            event = JsonText.readObject(message.body());
        } catch (IOException e) {
            LOG.error("message {} is not JSON: dropped", message.messageId());
            return Optional.empty();
        }
        Object detail = event.get("detail") instanceof Map<?, ?> d ? d : event;
        if (detail instanceof Map<?, ?> d && channel.equals(d.get("channel")) && d.get("sku") instanceof String sku
                && d.get("available") instanceof Number available && d.get("version") instanceof Number version) {
            return Optional.of(new Availability(message.messageId(), sku, available.longValue(), version.longValue()));
        }
        LOG.error("message {} is not a ChannelAvailabilityChanged of channel {}: dropped", message.messageId(), channel);
        return Optional.empty();
    }
}
