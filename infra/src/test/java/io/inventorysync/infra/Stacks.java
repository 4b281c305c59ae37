package io.inventorysync.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.inventorysync.channels.ChannelsConfig;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Synthesizes the real stack for tests, with cdk-nag applied as the app applies it. */
final class Stacks {
    /** The channels the stack deploys as shipped. */
    static final String SHIPPED_CHANNELS = "channels.json";
    /** The documented example: the shipped channels plus an HTTPS channel (API destination). */
    static final String EXAMPLE_CHANNELS = "channels.example.json";

    private Stacks() {
    }

    static Path infraDir() {
        return Path.of(System.getProperty("infra.dir", "."));
    }

    static Path repositoryDir() {
        return infraDir().toAbsolutePath().getParent();
    }

    /** One variant of the stack; synthesized once per test JVM (a synthesis takes about ten seconds). */
    record Variant(StackSettings.Stage stage, boolean localstack, String channelsFile,
                   WebhookFunctionUrl webhookFunctionUrl) {
        Variant(StackSettings.Stage stage, boolean localstack, String channelsFile) {
            this(stage, localstack, channelsFile, WebhookFunctionUrl.OFF);
        }

        static final Variant PROD = new Variant(StackSettings.Stage.PROD, false, SHIPPED_CHANNELS);
        static final Variant DEV = new Variant(StackSettings.Stage.DEV, false, SHIPPED_CHANNELS);
        static final Variant PROD_WITH_HTTPS_CHANNEL = new Variant(StackSettings.Stage.PROD, false, EXAMPLE_CHANNELS);
        static final Variant LOCALSTACK = new Variant(StackSettings.Stage.DEV, true, EXAMPLE_CHANNELS);
        /** A channel whose target is a Shopify store (vendor adapters): a test file, the shipped ones have none. */
        static final Variant PROD_WITH_SHOPIFY_CHANNEL = new Variant(StackSettings.Stage.PROD, false,
                "src/test/resources/channels.shopify.json");
        /** With {@code -c webhookFunctionUrl=true}: the webhook's function URL, on AWS and on LocalStack. */
        static final Variant PROD_WITH_WEBHOOK_URL = new Variant(StackSettings.Stage.PROD, false, SHIPPED_CHANNELS,
                WebhookFunctionUrl.ON);
        static final Variant LOCALSTACK_WITH_WEBHOOK_URL = new Variant(StackSettings.Stage.DEV, true, EXAMPLE_CHANNELS,
                WebhookFunctionUrl.ON);
    }

    private static final Map<Variant, InventorySyncStack> STACKS = new ConcurrentHashMap<>();
    private static final Map<Variant, Template> TEMPLATES = new ConcurrentHashMap<>();

    static synchronized InventorySyncStack stack(Variant variant) {
        return STACKS.computeIfAbsent(variant, v -> synthesize(v.stage(), v.localstack(), v.channelsFile(),
                v.webhookFunctionUrl()));
    }

    static synchronized Template template(Variant variant) {
        return TEMPLATES.computeIfAbsent(variant, v -> Template.fromStack(stack(v)));
    }

    static InventorySyncStack synthesize(StackSettings.Stage stage, boolean localstack, String channelsFile) {
        return synthesize(stage, localstack, channelsFile, WebhookFunctionUrl.OFF);
    }

    static InventorySyncStack synthesize(StackSettings.Stage stage, boolean localstack, String channelsFile,
                                         WebhookFunctionUrl webhookFunctionUrl) {
        App app = new App(AppProps.builder().context(Map.of("aws:cdk:bundling-stacks", List.of())).build());
        StackSettings settings = new StackSettings(stage, Path.of(System.getProperty("functions.jar")),
                ChannelsConfig.load(infraDir().resolve(channelsFile)), localstack, TableCapacity.ON_DEMAND,
                webhookFunctionUrl);
        // Environment-agnostic, as InventorySyncApp synthesizes it (account and region are tokens).
        InventorySyncStack stack = new InventorySyncStack(app, settings.stackName(), StackProps.builder().build(), settings);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }
}
