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
    public void register(Source source) {
        sources.put(source.sourceId(), source);
    }

    @Override
    public boolean registerNew(Source source) {
        return sources.putIfAbsent(source.sourceId(), source) == null;
    }

    @Override
    public void releaseNew(Source source) {
        sources.remove(source.sourceId(), source);
    }
}
