package io.inventorysync.auth;

import io.inventorysync.domain.Source;
import io.inventorysync.store.SourceRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The sources that may reserve ({@code canReserve}), as a reservation request that names no source
 * is checked against: read from the registry, kept {@link #MAX_AGE} per container, and read again
 * sooner (at most every {@link #MIN_AGE}) when no storefront verifies a request, so a storefront
 * just added can sign within seconds without a read per request.
 */
public final class Storefronts {
    public static final Duration MAX_AGE = Duration.ofSeconds(60);
    public static final Duration MIN_AGE = Duration.ofSeconds(10);

    private final SourceRegistry registry;
    private final Clock clock;
    private List<Source> known;
    private Instant readAt;

    public Storefronts(SourceRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** The storefronts, read again when older than {@link #MAX_AGE}. */
    public synchronized List<Source> current() {
        Instant now = clock.instant();
        if (known == null || !now.isBefore(readAt.plus(MAX_AGE))) {
            read(now);
        }
        return known;
    }

    /** The storefronts read again if the list is older than {@link #MIN_AGE}; empty when it is not. */
    public synchronized List<Source> fresher() {
        Instant now = clock.instant();
        if (known != null && now.isBefore(readAt.plus(MIN_AGE))) {
            return List.of();
        }
        read(now);
        return known;
    }

    private void read(Instant now) {
        known = registry.storefronts();
        readAt = now;
    }
}
