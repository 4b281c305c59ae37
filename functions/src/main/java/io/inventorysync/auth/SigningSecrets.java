package io.inventorysync.auth;

import io.inventorysync.domain.Source;

import java.util.List;

/**
 * Where a source's signing secrets ({@code whsec_<base64>}) are read from. Several secrets are
 * allowed at once so a source can rotate its key without a gap.
 */
public interface SigningSecrets {

    /**
     * The secrets currently valid for {@code source}; empty if none is configured.
     *
     * @throws io.inventorysync.store.StoreException when they cannot be read now (the vault fails and
     *                                               none is known): the route answers {@code 503}
     */
    List<String> secretsFor(Source source);
}
