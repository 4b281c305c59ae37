package io.inventorysync.store.internal;

import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The items of a paged query, read one page at a time as they are consumed. Each page is one call
 * of {@code readPage} (given the key to start after), so a caller can retry a failed page on its
 * own: the SDK's paginators cannot be resumed after a throttled page.
 */
public final class Pages<T> implements Iterator<T> {
    private final Function<Map<String, AttributeValue>, Page<T>> readPage;
    private Iterator<T> current = java.util.Collections.emptyIterator();
    private Map<String, AttributeValue> next;
    private boolean last;

    public Pages(Function<Map<String, AttributeValue>, Page<T>> readPage) {
        this.readPage = readPage;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && !last) {
            Page<T> page = readPage.apply(next);
            current = page.items().iterator();
            next = page.lastEvaluatedKey();
            last = next == null || next.isEmpty();
        }
        return current.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
