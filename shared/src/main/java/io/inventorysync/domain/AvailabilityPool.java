package io.inventorysync.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which locations feed one channel's availability and how much it holds back at each: the
 * {@code availability} of a channel in {@code channels.json}.
 *
 * @param locations             location ids, or prefixes ending in {@code *} ({@code "*"} alone: every location)
 * @param safetyStock           units held back at each location of the pool, unless named below; {@code >= 0}
 * @param safetyStockByLocation units held back at the locations named here instead; each {@code >= 0}
 */
public record AvailabilityPool(List<String> locations, long safetyStock, Map<String, Long> safetyStockByLocation) {

    public AvailabilityPool {
        locations = List.copyOf(locations);
        safetyStockByLocation = Map.copyOf(safetyStockByLocation);
        if (safetyStock < 0 || safetyStockByLocation.values().stream().anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("safety stock cannot be negative");
        }
    }

    /** Whether {@code locationId} is in the pool: named exactly, or starting with a {@code prefix*}. */
    public boolean contains(String locationId) {
        Objects.requireNonNull(locationId, "locationId");
        for (String entry : locations) {
            if (entry.endsWith("*")
                    ? locationId.startsWith(entry.substring(0, entry.length() - 1))
                    : entry.equals(locationId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Names this pool's rules (locations and buffers, order-free): a stored number computed under
     * another pool is replaced by the first computation under this one, whatever the levels' versions.
     */
    public String digest() {
        StringBuilder text = new StringBuilder();
        locations.stream().sorted().forEach(l -> text.append(l).append('\n'));
        text.append('|').append(safetyStock).append('|');
        new java.util.TreeMap<>(safetyStockByLocation).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return Digests.sha256(text.toString()).substring(0, 16);
    }

    /** The units held back at {@code locationId}. */
    public long safetyStock(String locationId) {
        return safetyStockByLocation.getOrDefault(locationId, safetyStock);
    }
}
