package io.inventorysync.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.inventorysync.store.ItemType;
import io.inventorysync.store.StreamImages;
import io.inventorysync.store.StreamShardWalk;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a table's real DynamoDB Streams records from DynamoDB Local and hands them over as the
 * {@link DynamodbEvent} Lambda's event source mapping would deliver.
 */
public final class TableStream {
    private final StreamShardWalk<Record> walk;
    private final Predicate<Record> filter;

    /** The change publisher's stream: records whose new image is a {@link ItemType#PUBLISHED} item. */
    public TableStream(DynamoDbClient dynamo, URI endpoint, String table) {
        this(dynamo, endpoint, table, TableStream::passesFilter);
    }

    /**
     * A stream mapping with a Lambda filter pattern (e.g. the ingest relay's
     * {@code StreamImages.HELD_RECEIPT_FILTER}), matched with aws/event-ruler, the engine behind
     * Lambda's and EventBridge's patterns, against the record as Lambda's filter sees it.
     */
    public TableStream(DynamoDbClient dynamo, URI endpoint, String table, Map<String, Object> pattern) {
        this(dynamo, endpoint, table, matching(pattern));
    }

    private TableStream(DynamoDbClient dynamo, URI endpoint, String table, Predicate<Record> filter) {
        this.filter = filter;
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build();
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
            public StreamShardWalk.Page<Record> read(String iterator) {
                var response = streams.getRecords(r -> r.shardIterator(iterator).limit(1000));
                return new StreamShardWalk.Page<>(response.records(), response.nextShardIterator());
            }
        });
    }

    /**
     * Every record written since the last call whose item is a stock level, a hold or a channel's
     * number ({@link ItemType#PUBLISHED}), oldest first,
     * across shards: the same filter as the deployed event source mapping's filter criteria.
     */
    public List<DynamodbEvent.DynamodbStreamRecord> poll() {
        return walk.poll().stream().filter(filter).map(TableStream::lambdaRecord).toList();
    }

    private static Predicate<Record> matching(Map<String, Object> pattern) {
        software.amazon.event.ruler.Machine machine = software.amazon.event.ruler.Machine.builder().build();
        try {
            machine.addRule("filter", io.inventorysync.http.Json.write(pattern));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a filter pattern: " + pattern, e);
        }
        return r -> {
            Map<String, Object> newImage = new java.util.LinkedHashMap<>();
            if (r.dynamodb().hasNewImage()) {
                r.dynamodb().newImage().forEach((name, v) -> {
                    if (v.s() != null) {
                        newImage.put(name, Map.of("S", v.s()));
                    } else if (v.n() != null) {
                        newImage.put(name, Map.of("N", v.n()));
                    } else if (v.bool() != null) {
                        newImage.put(name, Map.of("BOOL", v.bool()));
                    }
                });
            }
            try {
                return !machine.rulesForJSONEvent(io.inventorysync.http.Json.write(Map.of("eventName", r.eventNameAsString(),
                        "dynamodb", Map.of("NewImage", newImage)))).isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException("stream record not matchable", e);
            }
        };
    }

    /** The stack's filter: a new image whose item type is one of {@link ItemType#PUBLISHED}. */
    private static boolean passesFilter(Record r) {
        if (!r.dynamodb().hasNewImage()) {
            return false;
        }
        ItemType type = StreamImages.typeOf(r.dynamodb().newImage());
        return type != null && type.isPublished();
    }

    public static DynamodbEvent event(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    private static DynamodbEvent.DynamodbStreamRecord lambdaRecord(Record r) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName(r.eventNameAsString());
        record.setEventSource("aws:dynamodb");
        StreamRecord stream = new StreamRecord();
        stream.setSequenceNumber(r.dynamodb().sequenceNumber());
        stream.setKeys(convert(r.dynamodb().keys()));
        if (r.dynamodb().hasOldImage()) {
            stream.setOldImage(convert(r.dynamodb().oldImage()));
        }
        if (r.dynamodb().hasNewImage()) {
            stream.setNewImage(convert(r.dynamodb().newImage()));
        }
        stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType
                .fromValue(r.dynamodb().streamViewTypeAsString()));
        record.setDynamodb(stream);
        return record;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> convert(
            Map<String, AttributeValue> image) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> converted = new HashMap<>();
        image.forEach((k, v) -> converted.put(k, convert(v)));
        return converted;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue convert(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) {
            out.setS(v.s());
        } else if (v.n() != null) {
            out.setN(v.n());
        } else if (v.bool() != null) {
            out.setBOOL(v.bool());
        } else if (Boolean.TRUE.equals(v.nul())) {
            out.setNULL(true);
        } else if (v.hasM()) {
            out.setM(convert(v.m()));
        } else if (v.hasL()) {
            out.setL(v.l().stream().map(TableStream::convert).toList());
        } else if (v.hasSs()) {
            out.setSS(v.ss());
        } else if (v.hasNs()) {
            out.setNS(v.ns());
        } else {
            // The SDK leaves an empty map or list with no type set; an empty map reads as either.
            out.setM(Map.of());
        }
        return out;
    }
}
