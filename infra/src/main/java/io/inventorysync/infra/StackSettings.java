package io.inventorysync.infra;

import io.inventorysync.channels.ChannelsConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What varies between deployments. Every value comes from a file in the repository
 * ({@code cdk.json}, {@code channels.json}) except the stage, so a deploy with no flags but
 * {@code -c stage=...} always yields the same stack: nothing per source lives only on a command line.
 *
 * @param stage        {@code dev} or {@code prod}: names, retention, removal policy, deletion protection
 * @param functionsJar the built function code ({@code mvn package} makes it)
 * @param channels     the channels that subscribe to the bus
 * @param localstack   context {@code localstack=true}: swap what LocalStack lacks (the {@code java25}
 *                     runtime, arm64, SnapStart, EventBridge API destinations) for what it has
 * @param tableCapacity the table's billing: on demand (the default), or provisioned with auto scaling
 *                     (context {@code tableCapacity=provisioned}, see {@link TableCapacity}); the
 *                     LocalStack variant is always on demand ({@link #deployedTableCapacity()})
 * @param webhookFunctionUrl context {@code webhookFunctionUrl=true}: the webhook function also gets a
 *                     Lambda function URL (a second front door to the same function, beside the HTTP
 *                     API, which keeps every route): no API Gateway request to pay per webhook
 *                     (README, "Deploy": "A cheaper front door for webhooks"), and a reserved
 *                     concurrency that caps it ({@link WebhookFunctionUrl})
 */
public record StackSettings(Stage stage, Path functionsJar, ChannelsConfig channels, boolean localstack,
                            TableCapacity tableCapacity, WebhookFunctionUrl webhookFunctionUrl) {

    /** Only what changes something real: names, how long things are kept, whether they survive a teardown. */
    public enum Stage {
        DEV, PROD;

        public static Stage of(String name) {
            return switch (name == null ? "dev" : name) {
                case "dev" -> DEV;
                case "prod" -> PROD;
                default -> throw new IllegalArgumentException("stage must be dev or prod, not " + name);
            };
        }

        /** As it appears in names: {@code dev}, {@code prod}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** On-demand capacity and no function URL, as every deploy had before the settings existed. */
    public StackSettings(Stage stage, Path functionsJar, ChannelsConfig channels, boolean localstack) {
        this(stage, functionsJar, channels, localstack, TableCapacity.ON_DEMAND, WebhookFunctionUrl.OFF);
    }

    /** No function URL, as every deploy had before the setting existed. */
    public StackSettings(Stage stage, Path functionsJar, ChannelsConfig channels, boolean localstack,
                         TableCapacity tableCapacity) {
        this(stage, functionsJar, channels, localstack, tableCapacity, WebhookFunctionUrl.OFF);
    }

    public StackSettings {
        java.util.Objects.requireNonNull(tableCapacity, "tableCapacity");
        java.util.Objects.requireNonNull(webhookFunctionUrl, "webhookFunctionUrl");
        if (!Files.isRegularFile(functionsJar)) {
            throw new IllegalStateException("The function code " + functionsJar.toAbsolutePath()
                    + " does not exist: run `mvn package` at the repository root first.");
        }
    }

    /**
     * The built code of one function: its own jar beside {@code functionsJar} ({@code mvn package}
     * makes both), named in {@link io.inventorysync.settings.Settings#FUNCTION_JARS}.
     */
    public Path functionJar(String handlerClass) {
        String name = io.inventorysync.settings.Settings.FUNCTION_JARS.get(handlerClass);
        if (name == null) {
            throw new IllegalArgumentException("no jar is built for " + handlerClass);
        }
        Path jar = functionsJar.resolveSibling(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The function code " + jar.toAbsolutePath()
                    + " does not exist: run `mvn package` at the repository root first.");
        }
        return jar;
    }

    /**
     * The capacity the table is deployed with: the setting, except for LocalStack, which is always on
     * demand (capacity is a cost choice that means nothing locally, and Application Auto Scaling is
     * not among the services the local variant relies on).
     */
    public TableCapacity deployedTableCapacity() {
        return localstack ? TableCapacity.ON_DEMAND : tableCapacity;
    }

    public boolean isProd() {
        return stage == Stage.PROD;
    }

    /**
     * Where this stage's source signing secrets live ({@code inventory-sync/prod/sources/}): per
     * stage, so dev and prod in one account never share a name, and dev's functions (allowed this
     * prefix only) cannot read prod's keys.
     */
    public String sourceSecretsPrefix() {
        return "inventory-sync/" + stage.id() + "/sources/";
    }

    /** The stack's name, which also prefixes every alarm's name. */
    public String stackName() {
        return "InventorySync-" + stage.id();
    }
}
