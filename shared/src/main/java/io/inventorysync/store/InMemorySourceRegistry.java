package io.inventorysync.store;

import io.inventorysync.domain.Source;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Source configurations in memory, for tests of the layers above. */
public final class InMemorySourceRegistry implements SourceRegistry {
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    /** The claim of each source's create, until a replace drops it ({@link #registerNew}). */
    private final Map<String, String> claims = new ConcurrentHashMap<>();

    @Override
    public Optional<Source> source(String sourceId) {
        return Optional.ofNullable(sources.get(sourceId));
    }

    @Override
    public List<Source> storefronts() {
        return sources.values().stream().filter(Source::canReserve).sorted(Comparator.comparing(Source::sourceId))
                .toList();
    }

    @Override
    public synchronized void register(Source source) {
        sources.put(source.sourceId(), source);
        claims.remove(source.sourceId());
    }

    @Override
    public synchronized boolean registerNew(Source source, String claim) {
        if (sources.putIfAbsent(source.sourceId(), source) == null) {
            claims.put(source.sourceId(), claim);
            return true;
        }
        return claim.equals(claims.get(source.sourceId()));
    }

    @Override
    public synchronized boolean releaseNew(Source source, String claim) {
        if (claims.remove(source.sourceId(), claim)) {
            sources.remove(source.sourceId());
            return true;
        }
        return false;
    }
}
