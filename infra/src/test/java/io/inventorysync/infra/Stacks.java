package io.inventorysync.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.inventorysync.channels.ChannelsConfig;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

import java.nio.file.Path;
import java.util.Map;

/** Synthesizes the real stack for tests, with cdk-nag applied as the app applies it. */
final class Stacks {
    private Stacks() {
    }

    static Path infraDir() {
        return Path.of(System.getProperty("infra.dir", "."));
    }

    static InventorySyncStack synthesize(StackSettings.Stage stage) {
        return synthesize(stage, false);
    }

    static InventorySyncStack synthesize(StackSettings.Stage stage, boolean localstack) {
        App app = new App(AppProps.builder().context(Map.of("aws:cdk:bundling-stacks", java.util.List.of())).build());
        StackSettings settings = new StackSettings(stage, Path.of(System.getProperty("functions.jar")),
                ChannelsConfig.load(infraDir().resolve("channels.json")), java.util.List.of("pos-acme", "shop-web"),
                java.util.List.of("shop-web"), localstack);
        // Environment-agnostic, as InventorySyncApp synthesizes it (account and region are tokens).
        InventorySyncStack stack = new InventorySyncStack(app, "InventorySync-test", StackProps.builder().build(), settings);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }
}
