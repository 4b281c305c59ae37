package io.inventorysync.infra;

import io.inventorysync.channels.ChannelsConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What varies between deployments, read from CDK context.
 *
 * @param stage        {@code dev} or {@code prod}: retention, removal policy, deletion protection
 * @param functionsJar the built function code ({@code mvn package} makes it)
 * @param channels     the channels that subscribe to the bus
 * @param sources      source ids whose signing-secret containers the stack creates (context {@code sources},
 *                     comma-separated); the admin CLI puts the keys in them
 * @param storefronts  context {@code storefronts} (comma-separated, default {@code shop-web}): the sources
 *                     allowed to place holds; the Reservations function reads only their secrets
 * @param localstack   context {@code localstack=true}: swap what LocalStack lacks (the {@code java25}
 *                     runtime, arm64, SnapStart, EventBridge API destinations) for what it has
 */
public record StackSettings(Stage stage, Path functionsJar, ChannelsConfig channels, List<String> sources,
                            List<String> storefronts, boolean localstack) {

    /** Only what changes something real: how long things are kept and whether they survive a teardown. */
    public enum Stage {
        DEV, PROD;

        public static Stage of(String name) {
            return switch (name == null ? "dev" : name) {
                case "dev" -> DEV;
                case "prod" -> PROD;
                default -> throw new IllegalArgumentException("stage must be dev or prod, not " + name);
            };
        }
    }

    public StackSettings {
        sources = List.copyOf(sources);
        storefronts = List.copyOf(storefronts);
        if (storefronts.isEmpty()) {
            throw new IllegalArgumentException("context storefronts: name at least one source allowed to hold stock");
        }
        for (String source : java.util.stream.Stream.concat(sources.stream(), storefronts.stream()).toList()) {
            if (!io.inventorysync.domain.Ids.isSourceId(source)) {
                throw new IllegalArgumentException("context sources: " + source + " is not a source id ([a-z0-9-]{1,64})");
            }
        }
        if (!Files.isRegularFile(functionsJar)) {
            throw new IllegalStateException("The function code " + functionsJar.toAbsolutePath()
                    + " does not exist: run `mvn package` at the repository root first.");
        }
    }

    public boolean isProd() {
        return stage == Stage.PROD;
    }
}
