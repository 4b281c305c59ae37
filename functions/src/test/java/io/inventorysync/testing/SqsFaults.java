package io.inventorysync.testing;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fails a share of {@code SendMessageBatch} calls as SQS does under load: throttled before
 * anything is sent, or answered with some entries reported failed (here: entries SQS did take,
 * so a re-send must be harmless).
 */
public final class SqsFaults implements ExecutionInterceptor {
    private final Random random;
    private final double throttleRate;
    private final double partialRate;
    private final AtomicInteger injected = new AtomicInteger();

    public SqsFaults(long seed, double throttleRate, double partialRate) {
        this.random = new Random(seed);
        this.throttleRate = throttleRate;
        this.partialRate = partialRate;
    }

    public int injected() {
        return injected.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (context.request() instanceof SendMessageBatchRequest && roll(throttleRate)) {
            throw SqsException.builder().statusCode(400).message("injected: throttled")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException")
                            .errorMessage("injected").serviceName("Sqs").build()).build();
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (!(context.response() instanceof SendMessageBatchResponse response) || !roll(partialRate)) {
            return context.response();
        }
        List<SendMessageBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>(response.failed());
        for (SendMessageBatchResultEntry entry : response.successful()) {
            if (coin()) {
                failed.add(BatchResultErrorEntry.builder().id(entry.id()).code("InternalError")
                        .message("injected").senderFault(false).build());
            } else {
                ok.add(entry);
            }
        }
        return response.toBuilder().successful(ok).failed(failed).build();
    }

    private synchronized boolean roll(double rate) {
        boolean hit = random.nextDouble() < rate;
        if (hit) {
            injected.incrementAndGet();
        }
        return hit;
    }

    private synchronized boolean coin() {
        return random.nextBoolean();
    }
}
