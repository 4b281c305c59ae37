package io.inventorysync.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inventorysync.channels.Channel;
import io.inventorysync.channels.ChannelsConfig;
import io.inventorysync.channels.Target;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.SecretsManagerSecretOptions;
import software.amazon.awscdk.services.events.ApiDestination;
import software.amazon.awscdk.services.events.Archive;
import software.amazon.awscdk.services.events.Authorization;
import software.amazon.awscdk.services.events.CfnArchive;
import software.amazon.awscdk.services.events.Connection;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.HttpMethod;
import software.amazon.awscdk.services.events.OAuthAuthorizationProps;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.ApiDestinationProps;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.events.targets.SqsQueueProps;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bus channels subscribe to, its archive (replay), and the rules of each channel of
 * {@code channels.json}: one whose pattern is the one {@link Channel#eventPattern()} generates (when
 * it lists detail-types), and one for its own {@code ChannelAvailabilityChanged}
 * ({@link Channel#availabilityPattern()}, when it has a pool), both to the same target. Every
 * target has a retry policy and a dead-letter queue.
 */
public final class ChannelRouting extends Construct {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBus bus;
    private final Map<String, Queue> channelQueues = new LinkedHashMap<>();
    private final Map<String, Queue> deadLetterQueues = new LinkedHashMap<>();
    private final Map<String, Queue> consumerDeadLetterQueues = new LinkedHashMap<>();
    private boolean localstack;

    public ChannelRouting(Construct scope, String id, StackSettings settings) {
        super(scope, id);
        this.bus = EventBus.Builder.create(this, "Bus").build();
        Archive archive = Archive.Builder.create(this, "Archive")
                .sourceEventBus(bus)
                .description("every inventory event, for replay to channels")
                .eventPattern(EventPattern.builder().source(List.of(ChannelsConfig.SOURCE)).build())
                .retention(settings.isProd() ? Duration.days(365) : Duration.days(30))
                .build();
        // aws-cdk writes KmsKeyIdentifier: "" when no key is given (an open aws-cdk bug), which is not
        // "no key" to CloudFormation: leave the property out, so the archive uses the AWS-owned key.
        ((CfnArchive) archive.getNode().getDefaultChild()).addPropertyDeletionOverride("KmsKeyIdentifier");
        this.localstack = settings.localstack();
        for (Channel channel : settings.channels().channels()) {
            addChannel(channel);
        }
    }

    private void addChannel(Channel channel) {
        Construct scope = new Construct(this, channel.name());
        Queue dlq = queue(scope, "DeadLetters");
        deadLetterQueues.put(channel.name() + "-DeadLetters", dlq);
        // One rule per pattern (its detail-types; its own number when it has a pool), one target.
        List<Rule> rules = new java.util.ArrayList<>();
        if (!channel.detailTypes().isEmpty()) {
            rules.add(Rule.Builder.create(scope, "Rule")
                    .eventBus(bus)
                    .description("channel " + channel.name())
                    .eventPattern(pattern(channel.name(), channel.eventPattern()))
                    .build());
        }
        channel.availabilityPattern().ifPresent(p -> rules.add(Rule.Builder.create(scope, "AvailabilityRule")
                .eventBus(bus)
                .description("channel " + channel.name() + ": its own ChannelAvailabilityChanged")
                .eventPattern(pattern(channel.name(), p))
                .build()));
        Duration maxAge = Duration.seconds(channel.retry().maximumEventAgeSeconds());
        int retries = channel.retry().maximumRetryAttempts();
        // LocalStack has no API destinations: there, an HTTPS channel's events wait in a queue instead.
        if (channel.target().isQueue() || localstack) {
            // What the channel's own consumer cannot process ends here, not in an endless retry.
            Queue consumerDlq = queue(scope, "ConsumerDeadLetters");
            deadLetterQueues.put(channel.name() + "-ConsumerDeadLetters", consumerDlq);
            consumerDeadLetterQueues.put(channel.name(), consumerDlq);
            Queue queue = Queue.Builder.create(scope, "Queue")
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .retentionPeriod(Duration.days(14))
                    .deadLetterQueue(DeadLetterQueue.builder().queue(consumerDlq).maxReceiveCount(5).build())
                    .build();
            channelQueues.put(channel.name(), queue);
            rules.forEach(rule -> rule.addTarget(new SqsQueue(queue, SqsQueueProps.builder()
                    .deadLetterQueue(dlq).retryAttempts(retries).maxEventAge(maxAge).build())));
        } else {
            Connection connection = Connection.Builder.create(scope, "Connection")
                    .description("credentials of channel " + channel.name() + " (kept in Secrets Manager)")
                    .authorization(authorization(channel.target().auth()))
                    .build();
            ApiDestination destination = ApiDestination.Builder.create(scope, "Destination")
                    .connection(connection)
                    .endpoint(channel.target().endpoint().toString())
                    .httpMethod(HttpMethod.valueOf(channel.target().httpMethod().name()))
                    .rateLimitPerSecond(channel.target().invocationRateLimitPerSecond())
                    .build();
            rules.forEach(rule -> rule.addTarget(new software.amazon.awscdk.services.events.targets.ApiDestination(destination,
                    ApiDestinationProps.builder().deadLetterQueue(dlq).retryAttempts(retries).maxEventAge(maxAge).build())));
        }
    }

    /** The channel's pattern, exactly as {@link Channel#eventPattern()} writes it. */
    static EventPattern pattern(Channel channel) {
        return pattern(channel.name(), channel.eventPattern());
    }

    /** One of the channel's patterns ({@link Channel#eventPatterns()}), exactly as written. */
    @SuppressWarnings("unchecked")
    static EventPattern pattern(String channel, String patternJson) {
        Map<String, Object> json;
        try {
            json = JSON.readValue(patternJson, new TypeReference<>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("channel " + channel + " has an unreadable pattern", e);
        }
        EventPattern.Builder pattern = EventPattern.builder()
                .source((List<String>) json.get("source"))
                .detailType((List<String>) json.get("detail-type"));
        if (json.containsKey("detail")) {
            pattern.detail((Map<String, Object>) json.get("detail"));
        }
        return pattern.build();
    }

    private static Authorization authorization(Target.Auth auth) {
        SecretsManagerSecretOptions field = SecretsManagerSecretOptions.builder().build();
        return switch (auth.type()) {
            case API_KEY -> Authorization.apiKey(auth.headerName(), SecretValue.secretsManager(auth.secretName(), field));
            case BASIC -> Authorization.basic(
                    SecretValue.secretsManager(auth.secretName(), jsonField("username")).unsafeUnwrap(),
                    SecretValue.secretsManager(auth.secretName(), jsonField("password")));
            case OAUTH_CLIENT_CREDENTIALS -> Authorization.oauth(OAuthAuthorizationProps.builder()
                    .authorizationEndpoint(auth.authorizationEndpoint().toString())
                    .httpMethod(HttpMethod.POST)
                    .clientId(SecretValue.secretsManager(auth.secretName(), jsonField("clientId")).unsafeUnwrap())
                    .clientSecret(SecretValue.secretsManager(auth.secretName(), jsonField("clientSecret")))
                    .build());
        };
    }

    private static SecretsManagerSecretOptions jsonField(String name) {
        return SecretsManagerSecretOptions.builder().jsonField(name).build();
    }

    private static Queue queue(Construct scope, String id) {
        return Queue.Builder.create(scope, id)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
    }

    public EventBus bus() {
        return bus;
    }

    /** The queues SQS channels read, by channel name. */
    public Map<String, Queue> channelQueues() {
        return channelQueues;
    }

    /**
     * Every dead-letter queue of the channels, by {@code <channel>-DeadLetters} (what EventBridge
     * could not deliver: the rule's DLQ) and {@code <channel>-ConsumerDeadLetters} (what the
     * channel's reader gave up on: the redrive target of its queue).
     */
    public Map<String, Queue> deadLetterQueues() {
        return deadLetterQueues;
    }

    /** The consumer dead-letter queue of each SQS channel, by channel name. */
    public Map<String, Queue> consumerDeadLetterQueues() {
        return consumerDeadLetterQueues;
    }
}
