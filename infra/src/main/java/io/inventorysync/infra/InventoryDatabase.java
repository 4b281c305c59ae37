package io.inventorysync.infra;

import io.inventorysync.store.InventoryTable;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.EnableScalingProps;
import software.amazon.awscdk.services.dynamodb.IScalableTableAttribute;
import software.amazon.awscdk.services.dynamodb.UtilizationScalingProps;
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
 * the local environment create): keys, indexes, the stream the outbox reads, TTL, PITR; billed on
 * demand, or on provisioned capacity that auto scaling keeps at the target utilisation, on the
 * table and on every index, read and write ({@link TableCapacity}).
 */
public final class InventoryDatabase extends Construct {
    private final Table table;

    public InventoryDatabase(Construct scope, String id, StackSettings settings) {
        super(scope, id);
        TableCapacity capacity = settings.deployedTableCapacity();
        boolean provisioned = capacity.provisioned();
        this.table = Table.Builder.create(this, "Resource")
                .partitionKey(key(InventoryTable.PK))
                .sortKey(key(InventoryTable.SK))
                .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST)
                .readCapacity(provisioned ? capacity.read().min() : null)
                .writeCapacity(provisioned ? capacity.write().min() : null)
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
                    .readCapacity(provisioned ? capacity.read().min() : null)
                    .writeCapacity(provisioned ? capacity.write().min() : null)
                    .build());
        }
        if (provisioned) {
            // Each index has its own throughput (an index short of write capacity throttles the
            // table's writes too), so each is scaled on its own, as the table is.
            scale(table.autoScaleReadCapacity(bounds(capacity.read())), capacity);
            scale(table.autoScaleWriteCapacity(bounds(capacity.write())), capacity);
            for (var index : InventoryTable.globalSecondaryIndexes()) {
                scale(table.autoScaleGlobalSecondaryIndexReadCapacity(index.indexName(), bounds(capacity.read())), capacity);
                scale(table.autoScaleGlobalSecondaryIndexWriteCapacity(index.indexName(), bounds(capacity.write())), capacity);
            }
        }
    }

    private static EnableScalingProps bounds(TableCapacity.Bounds bounds) {
        return EnableScalingProps.builder().minCapacity(bounds.min()).maxCapacity(bounds.max()).build();
    }

    private static void scale(IScalableTableAttribute attribute, TableCapacity capacity) {
        attribute.scaleOnUtilization(UtilizationScalingProps.builder()
                .targetUtilizationPercent(capacity.targetUtilizationPercent()).build());
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
