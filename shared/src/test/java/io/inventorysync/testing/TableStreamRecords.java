package io.inventorysync.testing;

import io.inventorysync.store.HeldEvent;
import io.inventorysync.store.StreamImages;
import io.inventorysync.store.StreamShardWalk;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.List;
import java.util.Map;

/**
 * Reads a DynamoDB Local table's real stream records (every shard, from the start, then only what
 * came since the previous call): what the ingest relay's event source hands it, for tests.
 */
public final class TableStreamRecords {
    /** One stream record as Lambda delivers it: the sequence number and both images (empty when absent). */
    public record Change(String sequenceNumber, String eventName, Map<String, AttributeValue> oldImage,
                         Map<String, AttributeValue> newImage) {
    }

    private final StreamShardWalk<Change> walk;

    public TableStreamRecords(DynamoDbClient dynamo, String table) {
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(LocalDynamoDb.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        String streamArn = dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        this.walk = new StreamShardWalk<>(new StreamShardWalk.Shards<>() {
            @Override
            public List<String> shardIds() {
                return streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().stream()
                        .map(Shard::shardId).toList();
            }

            @Override
            public String firstIterator(String shardId) {
                return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            }

            @Override
            public StreamShardWalk.Page<Change> read(String iterator) {
                var response = streams.getRecords(r -> r.shardIterator(iterator).limit(1000));
                return new StreamShardWalk.Page<>(response.records().stream().map(r -> new Change(r.dynamodb().sequenceNumber(),
                        r.eventNameAsString(), r.dynamodb().hasOldImage() ? r.dynamodb().oldImage() : Map.of(),
                        r.dynamodb().hasNewImage() ? r.dynamodb().newImage() : Map.of())).toList(), response.nextShardIterator());
            }
        });
    }

    /** Every record written since the last call, in order per shard ({@link StreamShardWalk}). */
    public List<Change> poll() {
        return walk.poll();
    }

    /** The events the relay would send from the records since the last call ({@link StreamImages#newlyHeld}). */
    public List<HeldEvent> newlyHeld() {
        return poll().stream().flatMap(c -> StreamImages.newlyHeld(c.oldImage(), c.newImage()).stream()).toList();
    }
}
