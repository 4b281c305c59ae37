package io.inventorysync.testing;

import io.inventorysync.store.HeldEvent;
import io.inventorysync.store.StreamImages;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a DynamoDB Local table's real stream records (every shard, from the start, then only what
 * came since the previous call): what the ingest relay's event source hands it, for tests.
 */
public final class TableStreamRecords {
    /** One stream record as Lambda delivers it: the sequence number and both images (empty when absent). */
    public record Change(String sequenceNumber, String eventName, Map<String, AttributeValue> oldImage,
                         Map<String, AttributeValue> newImage) {
    }

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Map<String, String> iterators = new HashMap<>();
    private final Set<String> finished = new HashSet<>();

    public TableStreamRecords(DynamoDbClient dynamo, String table) {
        this.streams = DynamoDbStreamsClient.builder().endpointOverride(LocalDynamoDb.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        this.streamArn = dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
    }

    /** Every record written since the last call, in order per shard. */
    public List<Change> poll() {
        List<Change> changes = new ArrayList<>();
        for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
            if (finished.contains(shard.shardId())) {
                continue;
            }
            String iterator = iterators.computeIfAbsent(shard.shardId(), id -> streams.getShardIterator(r -> r
                    .streamArn(streamArn).shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            while (iterator != null) {
                String current = iterator;
                var response = streams.getRecords(r -> r.shardIterator(current).limit(1000));
                response.records().forEach(r -> changes.add(new Change(r.dynamodb().sequenceNumber(), r.eventNameAsString(),
                        r.dynamodb().hasOldImage() ? r.dynamodb().oldImage() : Map.of(),
                        r.dynamodb().hasNewImage() ? r.dynamodb().newImage() : Map.of())));
                iterator = response.nextShardIterator();
                if (iterator == null) {
                    finished.add(shard.shardId());
                    iterators.remove(shard.shardId());
                } else {
                    iterators.put(shard.shardId(), iterator);
                }
                if (response.records().isEmpty()) {
                    break;
                }
            }
        }
        return changes;
    }

    /** The events the relay would send from the records since the last call ({@link StreamImages#newlyHeld}). */
    public List<HeldEvent> newlyHeld() {
        return poll().stream().flatMap(c -> StreamImages.newlyHeld(c.oldImage(), c.newImage()).stream()).toList();
    }
}
