package io.inventorysync.store.internal;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges the active-holds index's shards, each already in expiry order, into one iterator in
 * expiry order. Lazy: a shard's next page is read only when its head is taken.
 */
public final class MergedByExpiry implements Iterator<HoldItem> {
    private record Head(HoldItem item, Iterator<HoldItem> rest) {
    }

    private final PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing((Head h) -> h.item().getGsi2sk()));

    public MergedByExpiry(List<Iterator<HoldItem>> shards) {
        shards.forEach(this::advance);
    }

    private void advance(Iterator<HoldItem> shard) {
        if (shard.hasNext()) {
            heads.add(new Head(shard.next(), shard));
        }
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public HoldItem next() {
        Head head = heads.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        advance(head.rest());
        return head.item();
    }
}
