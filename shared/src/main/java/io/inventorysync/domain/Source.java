package io.inventorysync.domain;

import io.inventorysync.domain.vendor.VendorConfig;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A sender of webhooks (a POS vendor, a storefront, a WMS) and how to read what it sends.
 *
 * @param secretRef  where its signing secrets are kept (a Secrets Manager secret name or ARN);
 *                   never the secret itself
 * @param skuAliases the source's own SKU names mapped to canonical SKUs
 * @param unknownSkus what to do with a SKU the alias map does not name
 * @param vendor      how its vendor's own webhooks are read (contract v1.1, vendor adapters);
 *                    {@code null} for a source that posts contract events
 */
public record Source(String sourceId, String secretRef, Map<String, String> skuAliases, UnknownSkuPolicy unknownSkus,
                     VendorConfig vendor) {

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
    }

    /** A source that posts contract events (no vendor adapter). */
    public Source(String sourceId, String secretRef, Map<String, String> skuAliases, UnknownSkuPolicy unknownSkus) {
        this(sourceId, secretRef, skuAliases, unknownSkus, null);
    }

    /** This source, read through {@code vendor}'s adapter. */
    public Source withVendor(VendorConfig vendor) {
        return new Source(sourceId, secretRef, skuAliases, unknownSkus, vendor);
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
