package io.inventorysync.store;

import io.inventorysync.domain.Source;

import java.util.List;
import java.util.Optional;

/** The sources allowed to post, with their alias maps, scopes and where their secrets are. */
public interface SourceRegistry {

    Optional<Source> source(String sourceId);

    /**
     * The sources that may reserve ({@code canReserve}), in id order: the candidates a reservation
     * request that names no source is checked against. May lag a registration by about a second
     * (an index).
     */
    List<Source> storefronts();

    /** Creates or replaces a source's configuration. */
    void register(Source source);

    /**
     * Creates the source only if no source has its id (a conditional write), marked with
     * {@code claim} (a value unique to this create): of two creates racing, exactly one answers true.
     * False when the id is taken by anything but this claim; nothing is written then. A write whose
     * answer was lost and that was sent again (by the SDK or the store's retries) meets its own item:
     * it recognises its claim there and answers true, so the creator still finishes as the creator.
     * A {@link #register} (a replace) drops the mark.
     */
    boolean registerNew(Source source, String claim);

    /**
     * Undoes a create whose key could not be stored ({@link #registerNew} answered true, then the
     * vault failed): removes the source only if it still carries {@code claim}, so the operator's
     * retry creates it again and gets a key, while a configuration a racing request put there since
     * (a replace, which dropped the mark) stays. Nothing is removed then.
     *
     * @return true when the source was removed
     */
    boolean releaseNew(Source source, String claim);
}
