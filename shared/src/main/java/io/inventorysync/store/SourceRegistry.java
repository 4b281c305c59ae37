package io.inventorysync.store;

import io.inventorysync.domain.Source;

import java.util.Optional;

/** The sources allowed to post, with their alias maps and where their secrets are. */
public interface SourceRegistry {

    Optional<Source> source(String sourceId);

    /** Creates or replaces a source's configuration. */
    void register(Source source);
}
