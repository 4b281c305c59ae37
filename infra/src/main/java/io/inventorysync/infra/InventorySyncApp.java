package io.inventorysync.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.inventorysync.channels.ChannelsConfig;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

import java.nio.file.Path;

/** The CDK app: one stack, checked by cdk-nag's AWS Solutions pack. Run from {@code infra/} with {@code cdk deploy}. */
public final class InventorySyncApp {
    private InventorySyncApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        StackSettings settings = settings(app);
        new InventorySyncStack(app, "InventorySync-" + settings.stage().name().toLowerCase(java.util.Locale.ROOT),
                StackProps.builder().description("inventory-sync: single source of truth for retail stock").build(),
                settings);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        app.synth();
    }

    static StackSettings settings(App app) {
        return new StackSettings(
                StackSettings.Stage.of((String) app.getNode().tryGetContext("stage")),
                Path.of(context(app, "functionsJar", "../functions/target/functions.jar")),
                ChannelsConfig.load(Path.of(context(app, "channelsFile", "channels.json"))),
                java.util.Arrays.stream(context(app, "sources", "").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList(),
                java.util.Arrays.stream(context(app, "storefronts", "shop-web").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList(),
                Boolean.parseBoolean(context(app, "localstack", "false")));
    }

    private static String context(App app, String key, String fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }
}
