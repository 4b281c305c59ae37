package io.inventorysync.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.inventorysync.channels.ChannelsConfig;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

import java.nio.file.Path;
import java.util.List;

/** The CDK app: one stack, checked by cdk-nag's AWS Solutions pack. Run from {@code infra/} with {@code cdk deploy}. */
public final class InventorySyncApp {
    private InventorySyncApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        StackSettings settings = settings(app);
        new InventorySyncStack(app, settings.stackName(),
                StackProps.builder().description("inventory-sync: single source of truth for retail stock").build(),
                settings);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        app.synth();
    }

    /**
     * The settings from context. Per-source state is refused on the command line: a later deploy
     * without the flag would delete or orphan what it created, or narrow who may reserve.
     */
    static StackSettings settings(App app) {
        if (app.getNode().tryGetContext("sources") != null) {
            throw new IllegalArgumentException("-c sources is not a setting any more: the stack creates no per-source "
                    + "resource. Register a source (and create its secret) with SourceAdmin; see README, \"Sources\".");
        }
        if (app.getNode().tryGetContext("storefronts") != null) {
            throw new IllegalArgumentException("storefronts is not a setting any more: a source may reserve when its "
                    + "configuration says canReserve (PUT /v1/admin/sources/{sourceId}); remove it from cdk.json.");
        }
        return new StackSettings(
                StackSettings.Stage.of((String) app.getNode().tryGetContext("stage")),
                Path.of(context(app, "functionsJar", "../functions/target/functions.jar")),
                ChannelsConfig.load(Path.of(context(app, "channelsFile", "channels.json"))),
                Boolean.parseBoolean(context(app, "localstack", "false")),
                TableCapacity.from(key -> app.getNode().tryGetContext(key)),
                WebhookFunctionUrl.from(key -> app.getNode().tryGetContext(key)));
    }

    private static String context(App app, String key, String fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }
}
