package io.inventorysync.infra;

import io.inventorysync.store.InventoryTable;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.constructs.Construct;

/**
 * The single table, built from {@link InventoryTable} (the same definition the store's tests and
 * the local environment create): keys, indexes, the stream the outbox reads, TTL, PITR.
 */
public final class InventoryDatabase extends Construct {
    private final Table table;

    public InventoryDatabase(Construct scope, String id, StackSettings settings) {
        super(scope, id);
        this.table = Table.Builder.create(this, "Resource")
                .partitionKey(key(InventoryTable.PK))
                .sortKey(key(InventoryTable.SK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .timeToLiveAttribute(InventoryTable.TTL_ATTRIBUTE)
                .deletionProtection(settings.isProd())
                .removalPolicy(settings.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        for (var index : InventoryTable.globalSecondaryIndexes()) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.indexName())
                    .partitionKey(key(attribute(index.keySchema(), KeyType.HASH)))
                    .sortKey(key(attribute(index.keySchema(), KeyType.RANGE)))
                    .projectionType(ProjectionType.valueOf(index.projection().projectionTypeAsString()))
                    .build());
        }
    }

    public Table table() {
        return table;
    }

    private static Attribute key(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    private static String attribute(java.util.List<KeySchemaElement> keys, KeyType type) {
        return keys.stream().filter(k -> k.keyType() == type).findFirst().orElseThrow().attributeName();
    }
}
