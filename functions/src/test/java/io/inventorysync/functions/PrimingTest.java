package io.inventorysync.functions;

import io.inventorysync.retry.JitteredBackoff;
import org.junit.jupiter.api.Test;

import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Priming runs the hot paths offline, without any client or environment, and re-seeds after a restore. */
class PrimingTest {

    @Test
    void beforeCheckpoint_shouldRunTheHotPathsWithoutNetworkOrSettings() throws Exception {
        // when
        Priming.INSTANCE.beforeCheckpoint(null);
        // then
        assertThat(Priming.prime()).isPositive();
    }

    @Test
    void primingsSampleBody_isReadByTheStreamingPath_aFirstRequestTakes_notOnlyByTheMapper() throws Exception {
        // given: the routes read a plain body with PlainJson and only the rest with Json.MAPPER (issue 16,
        // fifth round); priming warms both, and the streaming one only if its sample is plain
        byte[] sample = Priming.SAMPLE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // when / then
        assertThat(io.inventorysync.json.PlainJson.read(sample))
                .isEqualTo(io.inventorysync.http.Json.MAPPER.readValue(sample, Object.class));
    }

    @Test
    void afterRestore_shouldReseedTheRetryJitter_soRestoredEnvironmentsDoNotRetryInLockstep() {
        // given: two environments restored from one snapshot start from the same random state
        JitteredBackoff backoff = new JitteredBackoff(Duration.ofMillis(100), Duration.ofSeconds(10));
        JitteredBackoff.reseed(42);
        List<Long> withoutReseed = draws(backoff);
        JitteredBackoff.reseed(42);
        // when
        Priming.INSTANCE.afterRestore(null);
        // then
        assertThat(draws(backoff)).isNotEqualTo(withoutReseed);
    }

    @Test
    void sourceAdminPriming_shouldRunAnOperatorsFirstRequestsOffline_writingAndSendingNothing() {
        // given: the admin's clients point at a port nothing listens on, so nothing sent could be answered
        Map<String, String> variables = new HashMap<>(Map.of(Environment.AWS_REGION, "us-east-1",
                Environment.AWS_ACCESS_KEY_ID, "prime", Environment.AWS_SECRET_ACCESS_KEY, "prime",
                Environment.AWS_ENDPOINT_URL_DYNAMODB, "http://127.0.0.1:9",
                Environment.AWS_ENDPOINT_URL_SECRETS_MANAGER, "http://127.0.0.1:9", Settings.TABLE_NAME, "inventory"));
        SourceAdminFunction function = new SourceAdminFunction(Environment.of(variables));
        // when
        int statuses = Priming.offline(() -> SourceAdminFunction.prime(function));
        // then: the read found the made-up source (only the offline store has it), the replacement and
        // the new key were refused by validation, before any write
        assertThat(statuses).isEqualTo(200 + 400 + 400);
    }

    @Test
    void aClientBuiltOnFirstUse_isNotBuiltAtInit_butPrimingBuildsAndPrimesIt_once() {
        // given: a container that defers its SQS client (the reconciler's), nothing listening on its endpoint
        AwsClients aws = new AwsClients(Environment.of(Map.of(Environment.AWS_REGION, "us-east-1",
                Environment.AWS_ACCESS_KEY_ID, "prime", Environment.AWS_SECRET_ACCESS_KEY, "prime",
                Environment.AWS_ENDPOINT_URL_SQS, "http://127.0.0.1:9")));
        java.util.function.Supplier<software.amazon.awssdk.services.sqs.SqsClient> sqs = aws.onFirstUse(aws::sqs);
        assertThat(aws.built()).isEmpty();
        Priming.register(aws);
        // when: the snapshot's priming (offline: the send is answered by the canned connection)
        int calls = Priming.INSTANCE.primeClients();
        // then: built once, primed through its send, and the same client on first use after the restore
        assertThat(aws.built()).hasSize(1).first().isSameAs(sqs.get());
        assertThat(calls).isPositive();
        assertThat(aws.built()).hasSize(1);
    }

    @Test
    void aContainer_buildsOneClientPerService_howeverOftenItsWiringAsks() {
        // given: a container whose wiring asks for DynamoDB and Secrets Manager twice (the query's
        // store and channel numbers, the adapter's signatures and Square token)
        AwsClients aws = new AwsClients(Environment.of(Map.of(Environment.AWS_REGION, "us-east-1",
                Environment.AWS_ACCESS_KEY_ID, "prime", Environment.AWS_SECRET_ACCESS_KEY, "prime")));
        // when
        var dynamo = aws.dynamoDb();
        var secrets = aws.secretsManager();
        // then: the same client each time, built and primed once
        assertThat(aws.dynamoDb()).isSameAs(dynamo);
        assertThat(aws.secretsManager()).isSameAs(secrets);
        assertThat(aws.sqs()).isSameAs(aws.sqs());
        assertThat(aws.eventBridge()).isSameAs(aws.eventBridge());
        assertThat(aws.built()).hasSize(4).doesNotHaveDuplicates();
        aws.built().forEach(software.amazon.awssdk.core.SdkClient::close);
    }

    @Test
    void discardedTelemetry_shouldWriteNoMetric() {
        // given
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            // when
            Priming.telemetry();
            io.inventorysync.telemetry.Telemetry counted = io.inventorysync.telemetry.Telemetry.start("PrimingTest");
            counted.count("Control", 1);
            counted.flush();
        } finally {
            System.setOut(out);
        }
        // then: only the control metric was written (EMF lines go to stdout)
        String written = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(written).contains("Control").doesNotContain("Prime");
    }

    private static List<Long> draws(JitteredBackoff backoff) {
        return IntStream.rangeClosed(1, 8).mapToObj(backoff::waitMillis).toList();
    }
}
