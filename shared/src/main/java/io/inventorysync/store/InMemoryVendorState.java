package io.inventorysync.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The vendor adapters' state in memory, for tests of the layers above. */
public final class InMemoryVendorState implements OrderHolds, PullPositions, PushedQuantities, ObservedDrifts {
    private final Map<String, String> orders = new ConcurrentHashMap<>();
    private final Map<String, PullPosition> positions = new ConcurrentHashMap<>();
    private final Map<String, Pushed> pushed = new ConcurrentHashMap<>();
    private final Map<String, Pushed> pushedTo = new ConcurrentHashMap<>();
    private final Map<String, String> drifts = new ConcurrentHashMap<>();

    @Override
    public void linkOrder(String sourceId, String orderId, String reservationId) {
        orders.putIfAbsent(sourceId + "#" + orderId, reservationId);
    }

    @Override
    public Optional<String> holdOfOrder(String sourceId, String orderId) {
        return Optional.ofNullable(orders.get(sourceId + "#" + orderId));
    }

    @Override
    public Optional<PullPosition> pullPosition(String sourceId) {
        return Optional.ofNullable(positions.get(sourceId));
    }

    @Override
    public void savePullPosition(String sourceId, PullPosition position) {
        positions.put(sourceId, position);
    }

    @Override
    public List<String> pulledSources() {
        return positions.keySet().stream().sorted().toList();
    }

    @Override
    public Optional<Pushed> lastPushed(String channel, String sku) {
        return Optional.ofNullable(pushed.get(channel + "#" + sku));
    }

    @Override
    public Optional<Pushed> lastPushedTo(String shopDomain, String inventoryItemId, String shopLocationId) {
        return Optional.ofNullable(pushedTo.get(shopDomain + "#" + inventoryItemId + "#" + shopLocationId));
    }

    @Override
    public synchronized void recordPushed(Pushed p) {
        Pushed before = pushed.get(p.channel() + "#" + p.sku());
        if (before != null && before.version() > p.version()) {
            return;
        }
        pushed.put(p.channel() + "#" + p.sku(), p);
        pushedTo.put(p.shopDomain() + "#" + p.inventoryItemId() + "#" + p.shopLocationId(), p);
    }

    @Override
    public boolean recordObservedDrift(String driftId, String detail) {
        return drifts.putIfAbsent(driftId, detail) == null;
    }

    /** The details of the drifts recorded, by id (what the outbox would publish once each). */
    public Map<String, String> observedDrifts() {
        return Map.copyOf(drifts);
    }
}
