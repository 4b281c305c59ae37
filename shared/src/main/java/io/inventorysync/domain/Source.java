package io.inventorysync.domain;

import io.inventorysync.domain.vendor.VendorConfig;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A sender of webhooks (a POS vendor, a storefront, a WMS), how to read what it sends, and what it
 * may touch (contract v1.1, "Sources have scopes"). Build one from its JSON configuration with
 * {@link SourceConfig}; {@link SourceScope} answers what a request of it may do.
 *
 * @param secretRef      where its signing secrets are kept (a Secrets Manager secret name or ARN);
 *                       never the secret itself
 * @param skuAliases     the source's own SKU names mapped to canonical SKUs
 * @param unknownSkus    what to do with a SKU the alias map does not name
 * @param locations      location ids, or prefixes ending in {@code *}, the source may touch ({@code ["*"]}: all)
 * @param eventTypes     the inbound event types it may post (default: all)
 * @param canReserve     whether it may place holds (the reservation routes)
 * @param driftThreshold the difference above which a line of its snapshots drifts (default 1)
 * @param vendor         how its vendor's own webhooks are read (contract v1.1, vendor adapters);
 *                       {@code null} for a source that posts contract events
 */
public record Source(String sourceId, String secretRef, Map<String, String> skuAliases, UnknownSkuPolicy unknownSkus,
                     List<String> locations, Set<ChangeType> eventTypes, boolean canReserve, long driftThreshold,
                     VendorConfig vendor) {

    /** Every location. */
    public static final List<String> ALL_LOCATIONS = List.of(SourceScope.ANY);
    /** Every type a source may post. */
    public static final Set<ChangeType> ALL_EVENT_TYPES = Set.copyOf(Arrays.stream(ChangeType.values())
            .filter(ChangeType::isInbound).toList());
    public static final long DEFAULT_DRIFT_THRESHOLD = 1;

    /** What a source's unmapped SKUs mean. */
    public enum UnknownSkuPolicy {
        /** The SKU is used as it is: the source already uses canonical SKUs. */
        PASS_THROUGH,
        /** The alias map is the source's whole catalogue: any other SKU is refused. */
        REJECT
    }

    public Source {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(secretRef, "secretRef");
        skuAliases = Map.copyOf(skuAliases);
        Objects.requireNonNull(unknownSkus, "unknownSkus");
        locations = List.copyOf(locations);
        eventTypes = eventTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(eventTypes));
    }

    /** A source of contract v1: every location, every type, no holds, the default drift threshold. */
    public Source(String sourceId, String secretRef, Map<String, String> skuAliases, UnknownSkuPolicy unknownSkus) {
        this(sourceId, secretRef, skuAliases, unknownSkus, ALL_LOCATIONS, ALL_EVENT_TYPES, false,
                DEFAULT_DRIFT_THRESHOLD);
    }

    /** This source allowed, or not, to place holds. */
    public Source withCanReserve(boolean reserve) {
        return new Source(sourceId, secretRef, skuAliases, unknownSkus, locations, eventTypes, reserve, driftThreshold, vendor);
    }

    /** This source limited to {@code scope} (location ids or prefixes ending in {@code *}). */
    public Source withLocations(List<String> scope) {
        return new Source(sourceId, secretRef, skuAliases, unknownSkus, scope, eventTypes, canReserve, driftThreshold, vendor);
    }

    /** This source limited to posting {@code types}. */
    public Source withEventTypes(Set<ChangeType> types) {
        return new Source(sourceId, secretRef, skuAliases, unknownSkus, locations, types, canReserve, driftThreshold, vendor);
    }

    /** A source that posts contract events (no vendor adapter) with the given scope. */
    public Source(String sourceId, String secretRef, Map<String, String> skuAliases, UnknownSkuPolicy unknownSkus,
                  List<String> locations, Set<ChangeType> eventTypes, boolean canReserve, long driftThreshold) {
        this(sourceId, secretRef, skuAliases, unknownSkus, locations, eventTypes, canReserve, driftThreshold, null);
    }

    /** This source, read through {@code vendor}'s adapter (its scope kept). */
    public Source withVendor(VendorConfig vendor) {
        return new Source(sourceId, secretRef, skuAliases, unknownSkus, locations, eventTypes, canReserve,
                driftThreshold, vendor);
    }

    /** The canonical SKU for the source's {@code sku}, or empty when the policy refuses it. */
    public Optional<String> canonicalSku(String sku) {
        String mapped = skuAliases.get(sku);
        if (mapped != null) {
            return Optional.of(mapped);
        }
        return unknownSkus == UnknownSkuPolicy.PASS_THROUGH ? Optional.of(sku) : Optional.empty();
    }
}
