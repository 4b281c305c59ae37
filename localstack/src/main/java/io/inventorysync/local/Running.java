package io.inventorysync.local;

import java.util.ArrayList;
import java.util.List;

/** What a part of the local cloud started, stopped last started first; one failure does not stop the rest. */
final class Running implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();

    <T extends AutoCloseable> T add(T resource) {
        started.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // stopping: keep stopping the rest
            }
        }
        started.clear();
    }
}
