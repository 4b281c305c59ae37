package io.inventorysync.local;

import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole integration on one machine, with no Docker and no AWS account: the engines
 * ({@link LocalEngines}) and, on them, what the stack deploys ({@link LocalTopology}): the real
 * handlers, configured only through their environment with the names Lambda and the SDK use, so
 * none of them knows it is local. Nothing is JVM-wide: one JVM can run several local clouds.
 * The command line is {@link LocalCloudCli}.
 */
public final class LocalCloud implements AutoCloseable {
    public static final String TABLE = LocalTopology.TABLE;
    public static final String BUS = LocalTopology.BUS;
    /** The demo sources registered unless {@code --source} names others. */
    public static final List<String> DEMO_SOURCES = LocalTopology.DEMO_SOURCES;

    private final LocalEngines engines;
    private final LocalTopology topology;

    /**
     * What to start.
     *
     * @param port              the API's port (0 picks a free one)
     * @param sources           source id to {@code whsec_} secret; empty for the demo sources with fresh secrets
     * @param dataDir           where DynamoDB keeps its data between runs, or {@code null} for memory
     * @param sweepEverySeconds how often the hold sweeper runs
     * @param squarePullEverySeconds how often the Square pull runs for every Square source that has pulled
     *                               (deployed: {@link io.inventorysync.settings.Settings#SQUARE_PULL_INTERVAL})
     * @param webhookUrlPort    the webhook's function URL's port (0 picks a free one)
     */
    public record Options(int port, Map<String, String> sources, Path dataDir, Path channelsFile, boolean demo,
                          Path eventsDir, int sweepEverySeconds, int squarePullEverySeconds, int webhookUrlPort) {

        /** The webhook's function URL on a free port. */
        public Options(int port, Map<String, String> sources, Path dataDir, Path channelsFile, boolean demo,
                       Path eventsDir, int sweepEverySeconds, int squarePullEverySeconds) {
            this(port, sources, dataDir, channelsFile, demo, eventsDir, sweepEverySeconds, squarePullEverySeconds, 0);
        }

        /** The Square pull at the deployed interval. */
        public Options(int port, Map<String, String> sources, Path dataDir, Path channelsFile, boolean demo,
                       Path eventsDir, int sweepEverySeconds) {
            this(port, sources, dataDir, channelsFile, demo, eventsDir, sweepEverySeconds,
                    (int) io.inventorysync.settings.Settings.SQUARE_PULL_INTERVAL.toSeconds());
        }
    }

    private LocalCloud(LocalEngines engines, LocalTopology topology) {
        this.engines = engines;
        this.topology = topology;
    }

    /**
     * Starts every engine and handler; returns once the API answers. A failure stops whatever had
     * started and is thrown.
     */
    public static LocalCloud start(Options options) {
        LocalEngines engines = LocalEngines.start(options.dataDir());
        try {
            return new LocalCloud(engines, LocalTopology.deploy(engines, options));
        } catch (RuntimeException e) {
            engines.close();
            throw e;
        }
    }

    public URI apiUrl() {
        return topology.apiUrl();
    }

    /**
     * The webhook's function URL, as a deployment with {@code webhookFunctionUrl} has it: the webhook's
     * two routes under it ({@code POST /v1/sources/{sourceId}/events}, {@code GET .../events/{eventId}}),
     * anything else {@code 404 ROUTE_NOT_FOUND}.
     */
    public URI webhookUrl() {
        return topology.webhookUrl();
    }

    /** The engines' endpoints ({@code DYNAMODB_URL}, {@code SQS_URL}, ...), for scripts and the AWS CLI. */
    public Map<String, String> endpoints() {
        return new LinkedHashMap<>(engines.endpoints());
    }

    public Map<String, String> sources() {
        return topology.sources();
    }

    public Map<String, String> channelQueues() {
        return topology.channelQueues();
    }

    /** A client of this cloud's SQS (ElasticMQ), closed with the cloud. */
    public SqsClient sqs() {
        return engines.sqsClient();
    }

    public String movementsQueueUrl() {
        return topology.movementsQueueUrl();
    }

    /** The engines' Secrets Manager (vendor tokens, channel secrets), in memory. */
    public LocalSecretsManager secretsManager() {
        return engines.secretsManager();
    }

    public String movementsDeadLetterQueueUrl() {
        return topology.movementsDeadLetterQueueUrl();
    }

    @Override
    public void close() {
        topology.close();
        engines.close();
    }
}
