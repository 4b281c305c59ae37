package io.inventorysync.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads every shard of a table's stream from its start, then on each call only what came since the
 * previous one; a closed shard is read to its end and never again. The one shard walk of the tests'
 * {@code TableStreamRecords} and the local cloud's {@code TableStream} (both on DynamoDB Local's real
 * stream). It names no SDK type: the caller reads the shards with its own Streams client, which the
 * function jars leave out (no function reads the stream itself: Lambda does).
 *
 * @param <R> the caller's stream record
 */
public final class StreamShardWalk<R> {

    /** How to read the stream: its shards, a shard's first iterator ({@code TRIM_HORIZON}), a page of records. */
    public interface Shards<R> {
        List<String> shardIds();

        String firstIterator(String shardId);

        Page<R> read(String iterator);
    }

    /** One {@code GetRecords} answer: its records and the iterator to go on from ({@code null}: the shard is closed and read). */
    public record Page<R>(List<R> records, String next) {
    }

    private final Shards<R> shards;
    private final Map<String, String> iterators = new HashMap<>();
    private final Set<String> finished = new HashSet<>();

    public StreamShardWalk(Shards<R> shards) {
        this.shards = shards;
    }

    /** Every record written since the last call, in order per shard, shard after shard. */
    public synchronized List<R> poll() {
        List<R> records = new ArrayList<>();
        for (String shardId : shards.shardIds()) {
            if (finished.contains(shardId)) {
                continue;
            }
            String iterator = iterators.computeIfAbsent(shardId, shards::firstIterator);
            while (iterator != null) {
                Page<R> page = shards.read(iterator);
                records.addAll(page.records());
                iterator = page.next();
                if (iterator == null) {
                    finished.add(shardId);
                    iterators.remove(shardId);
                } else {
                    iterators.put(shardId, iterator);
                }
                if (page.records().isEmpty()) {
                    break;
                }
            }
        }
        return records;
    }
}
