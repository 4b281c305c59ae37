package io.inventorysync.settings;

import java.time.Duration;

/**
 * One definition of each deployment setting: the environment variables the functions read, where
 * source secrets live, and the figures of the movements queue, its consumer, the stream consumer
 * and the hold-expiry schedule. The CDK app, the local cloud and the handlers all read them from
 * here, so a deployed function and its local twin cannot disagree. Values are those deployed.
 */
public final class Settings {
    private Settings() {
    }

    // Environment variables of the functions (read from the environment, or from a JVM system
    // property of the same name where functions share the local cloud's JVM).

    /** The DynamoDB table of stock levels, ledger, receipts, holds and sources. Every function but the publisher. */
    public static final String TABLE_NAME = "TABLE_NAME";
    /** The movements FIFO queue the webhook sends to. */
    public static final String MOVEMENTS_QUEUE_URL = "MOVEMENTS_QUEUE_URL";
    /** The movements queue's dead-letter queue, where the processor parks poison. */
    public static final String MOVEMENTS_DLQ_URL = "MOVEMENTS_DLQ_URL";
    /** The reconcile queue: the snapshot route asks for a reconciliation there, the reconciler continues there. */
    public static final String RECONCILE_QUEUE_URL = "RECONCILE_QUEUE_URL";
    /** The EventBridge bus the change publisher puts events on. */
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    /** The channel a Shopify connector pushes (its name in channels.json). */
    public static final String CHANNEL_NAME = "CHANNEL_NAME";
    /** The channel's Shopify target as JSON (channels.json's {@code target} of kind {@code SHOPIFY}). */
    public static final String CHANNEL_TARGET = "CHANNEL_TARGET";
    /**
     * The channels' availability pools from {@code channels.json} ({@code ChannelPools} writes and
     * reads it): the change publisher computes their numbers, the read API answers them.
     */
    public static final String CHANNEL_POOLS = "CHANNEL_POOLS";
    /** Reads of a SKU's partition before a channel's computation gives up (and its records are retried). */
    public static final int CHANNEL_AVAILABILITY_READS = 10;
    /** SKUs of one stream batch whose channels' numbers the publisher computes at once. */
    public static final int CHANNEL_AVAILABILITY_PARALLELISM = 16;
    /** Threads the hold-expiry sweeper uses to read the shards of the active-holds index. */
    public static final String SWEEP_THREADS = "SWEEP_THREADS";
    public static final int SWEEP_THREADS_DEFAULT = 4;
    /** How long a container keeps a source's signing secrets before reading them again. */
    public static final String SECRET_CACHE_TTL_SECONDS = "SECRET_CACHE_TTL_SECONDS";
    public static final Duration SECRET_CACHE_TTL_DEFAULT = Duration.ofSeconds(300);
    /** The root log level ({@code log4j2.xml} reads it as {@code ${env:LOG_LEVEL:-INFO}}). */
    public static final String LOG_LEVEL = "LOG_LEVEL";
    /** JVM flags of every function: tiered compilation stopped at C1, the quick start Lambda advises. */
    public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
    public static final String FUNCTION_JVM_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    // Packages: each function deploys its own jar, built beside functions.jar (functions/pom.xml),
    // holding only what that function loads.

    /** Handler class (simple name) to the jar its function deploys. */
    public static final java.util.Map<String, String> FUNCTION_JARS = java.util.Map.ofEntries(
            java.util.Map.entry("WebhookFunction", "webhook.jar"),
            java.util.Map.entry("MovementProcessorFunction", "movement-processor.jar"),
            java.util.Map.entry("ReservationsFunction", "reservations.jar"),
            java.util.Map.entry("InventoryQueryFunction", "inventory-query.jar"),
            java.util.Map.entry("HoldExpirySweeperFunction", "hold-expiry-sweeper.jar"),
            java.util.Map.entry("ChangePublisherFunction", "change-publisher.jar"),
            java.util.Map.entry("IngestRelayFunction", "ingest-relay.jar"),
            java.util.Map.entry("SnapshotsFunction", "snapshots.jar"),
            java.util.Map.entry("ReconcilerFunction", "reconciler.jar"),
            // The adapter routes load exactly what the ingest route loads: they share its jar.
            java.util.Map.entry("VendorAdapterFunction", "webhook.jar"),
            java.util.Map.entry("SquarePullFunction", "square-pull.jar"),
            java.util.Map.entry("ShopifyConnectorFunction", "shopify-connector.jar"),
            java.util.Map.entry("SourceAdminFunction", "source-admin.jar"));

    // Sources.

    /**
     * The environment variable that names the stage's source-secret prefix, for the admin function
     * and the admin CLI (the stack's {@code SourceSecretPrefix} output, {@code inventory-sync/<stage>/sources/}).
     */
    public static final String SOURCE_SECRET_PREFIX_VARIABLE = "SOURCE_SECRET_PREFIX";

    /** A source's signing secrets are the Secrets Manager secret {@code SOURCE_SECRET_PREFIX + sourceId}. */
    public static final String SOURCE_SECRET_PREFIX = "inventory-sync/sources/";

    // The movements queue and its consumer.

    /** The movement processor's timeout. */
    public static final Duration PROCESSOR_TIMEOUT = Duration.ofSeconds(30);
    /** Six times the consumer's timeout, as AWS advises for an SQS event source. */
    public static final Duration MOVEMENTS_VISIBILITY_TIMEOUT = PROCESSOR_TIMEOUT.multipliedBy(6);
    /** Receives before a message that keeps failing is moved to the dead-letter queue. */
    public static final int MOVEMENTS_MAX_RECEIVE_COUNT = 5;
    public static final Duration MOVEMENTS_RETENTION = Duration.ofDays(4);
    public static final Duration MOVEMENTS_DLQ_RETENTION = Duration.ofDays(14);
    /** Messages per processor invocation (SQS's most for a FIFO event source). */
    public static final int PROCESSOR_BATCH_SIZE = 10;
    /**
     * The time the processor keeps for one message: the store's worst case (its bounded retries,
     * a few re-plans) with margin, plus the up to 2 s a sale naming a hold another storefront placed
     * a moment earlier waits for the ledger index to show it ({@code DynamoDbInventoryStore}
     * {@code indexCatchUp}). With less left, the rest of a batch waits for its next delivery.
     */
    public static final Duration PROCESSOR_MESSAGE_BUDGET = Duration.ofSeconds(7);
    /** Concurrent processor invocations on the movements queue; FIFO keeps each group in order. */
    public static final int PROCESSOR_MAX_CONCURRENCY = 20;
    /** First pause before the ingest relay re-sends movements SQS did not take (jittered, doubling). */
    public static final Duration QUEUE_SEND_BASE_DELAY = Duration.ofMillis(50);

    // The webhook and the ingest relay.

    /** The webhook's timeout (API Gateway's HTTP API waits up to 30 s for it). */
    public static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);
    /** Batches the ingest relay has in flight at once (a thread each, built once per container). */
    public static final int QUEUE_SEND_LANES = 4;
    /**
     * The ingest relay's timeout: the largest request (100 events of 100 lines, up to 9,800
     * movements, 19,400 as transfers) is relayed in one invocation with a wide margin (under 10 s on
     * 4 lanes into ElasticMQ on a loaded 2-core machine; see README, "The largest request").
     */
    public static final Duration INGEST_RELAY_TIMEOUT = Duration.ofSeconds(60);
    /** The relay stops sending this long before its timeout and reports what is left, to be delivered again. */
    public static final Duration INGEST_RELAY_SAFETY_MARGIN = Duration.ofSeconds(5);
    public static final int INGEST_RELAY_MEMORY_MB = 512;
    /** Stream records per relay invocation at most (a batch is also cut per shard and by the 6 MB payload). */
    public static final int INGEST_RELAY_BATCH_SIZE = 100;
    /**
     * A failing record is retried with no cap on attempts (the mapping sets none: Lambda's default is
     * unlimited) until it is this old: an hour before DynamoDB Streams trims it (24 h), so it is never
     * dropped silently. At this age its batch's position goes to the relay's failure queue (alarmed),
     * the shard moves on, and the receipt, still in the table holding its event, is re-sent by
     * {@code IngestRedriveCommand} (README, "Design decisions: ingest").
     */
    public static final Duration INGEST_RELAY_MAX_RECORD_AGE = Duration.ofHours(23);
    /** The relay's iterator age above which the alarm fires: it is falling behind, or stuck on a record. */
    public static final Duration INGEST_RELAY_ITERATOR_AGE_ALARM = Duration.ofMinutes(5);

    // The table's stream and the change publisher.

    /** The change publisher's timeout. */
    public static final Duration PUBLISHER_TIMEOUT = Duration.ofSeconds(30);
    public static final int PUBLISHER_BATCH_SIZE = 100;
    /** Retries of a failing stream batch before its records go to the publisher-failures queue. */
    public static final int PUBLISHER_RETRY_ATTEMPTS = 10;
    /** Stream records older than this are given up (the stream keeps 24 hours). */
    public static final Duration PUBLISHER_MAX_RECORD_AGE = Duration.ofHours(24);
    /** {@code PutEvents} attempts per batch, and the first pause between them (jittered, doubling). */
    public static final int PUT_EVENTS_ATTEMPTS = 4;
    public static final Duration PUT_EVENTS_BASE_DELAY = Duration.ofMillis(100);

    // The hold-expiry sweeper.

    /** How often the sweeper runs: the longest an expired hold still counts as reserved. */
    public static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    // Vendor adapters.

    /** Vendor access tokens (Square's, a Shopify channel's) are Secrets Manager secrets under this prefix. */
    public static final String VENDOR_SECRET_PREFIX = "inventory-sync/vendors/";
    /** How often the schedule pulls Square's changes (a dropped notification is caught up within this). */
    public static final Duration SQUARE_PULL_INTERVAL = Duration.ofMinutes(5);
    public static final Duration SQUARE_PULL_TIMEOUT = Duration.ofSeconds(60);
    /** The adapter routes answer vendors that give up after 5 s (Shopify) or 10 s (Square). */
    public static final Duration ADAPTER_TIMEOUT = Duration.ofSeconds(9);
    /**
     * The Shopify connector's time per batch (retries with jitter and throttle waits fit in it);
     * under the channel queue's 30 s visibility timeout, as an SQS event source requires. A push the
     * shop keeps failing is received 5 times (the channel queue's redrive), then parked in the
     * channel's consumer DLQ.
     */
    public static final Duration CONNECTOR_TIMEOUT = Duration.ofSeconds(25);
    /** Messages per connector invocation: a burst within one batch is merged to one push per SKU. */
    public static final int CONNECTOR_BATCH_SIZE = 100;
    public static final Duration CONNECTOR_BATCHING_WINDOW = Duration.ofSeconds(2);
    /** The sweeper's timeout: under one interval, so runs do not overlap. */
    public static final Duration SWEEPER_TIMEOUT = Duration.ofSeconds(55);
    /** A run stops this long before its deadline, so it ends cleanly instead of being killed. */
    public static final Duration SWEEP_SAFETY_MARGIN = Duration.ofSeconds(5);

    // Reconciliation (snapshots).

    /** The reconciler's timeout: Lambda's most, so one run covers as many pages as it can. */
    public static final Duration RECONCILER_TIMEOUT = Duration.ofMinutes(15);
    /** A run stops this long before its deadline, saves its cursor and asks the queue to continue. */
    public static final Duration RECONCILER_SAFETY_MARGIN = Duration.ofSeconds(60);
    /**
     * How long a run holds a snapshot: past the timeout, so a run that died is taken over only
     * when the queue delivers its request again.
     */
    public static final Duration RECONCILER_LEASE = RECONCILER_TIMEOUT.plus(Duration.ofMinutes(1));
    /** Six times the consumer's timeout, as AWS advises for an SQS event source. */
    public static final Duration RECONCILE_VISIBILITY_TIMEOUT = RECONCILER_TIMEOUT.multipliedBy(6);
    /** Receives before a reconcile request that keeps failing goes to the dead-letter queue. */
    public static final int RECONCILE_MAX_RECEIVE_COUNT = 5;
    public static final Duration RECONCILE_RETENTION = Duration.ofDays(4);
    /** One snapshot per invocation: a run may take the whole timeout. */
    public static final int RECONCILER_BATCH_SIZE = 1;
    /** Reconciliations at once (each reads and writes the table at its own pace). */
    public static final int RECONCILER_MAX_CONCURRENCY = 2;
}
