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
     * Creates the source only if no source has its id (a conditional write): of two creates racing,
     * exactly one answers true. False when the id is taken; nothing is written then.
     */
    boolean registerNew(Source source);

    /**
     * Undoes a create whose key could not be stored ({@link #registerNew} answered true, then the
     * vault failed): removes the source, so the operator's retry creates it again and gets a key.
     */
    void releaseNew(Source source);
}
