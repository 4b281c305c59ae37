package io.inventorysync.testing;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.io.IOException;
import java.util.Collections;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fails a fraction of DynamoDB calls the way production does: throttling and transaction
 * conflicts before the request reaches the server, and lost responses after the server applied
 * the request. Seeded, so a failing run can be repeated.
 */
public final class FaultInjector implements ExecutionInterceptor {
    private final Random random;
    private final double beforeRate;
    private final double lostResponseRate;
    private final AtomicInteger injected = new AtomicInteger();
    private volatile boolean enabled = true;

    /**
     * @param beforeRate       share of calls refused before they reach the server
     * @param lostResponseRate share of calls whose response is lost after the server applied them
     */
    public FaultInjector(long seed, double beforeRate, double lostResponseRate) {
        this.random = new Random(seed);
        this.beforeRate = beforeRate;
        this.lostResponseRate = lostResponseRate;
    }

    public void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int injected() {
        return injected.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!roll(beforeRate)) {
            return;
        }
        SdkRequest request = context.request();
        if (request instanceof TransactWriteItemsRequest tx && coin()) {
            CancellationReason conflict = CancellationReason.builder().code("TransactionConflict")
                    .message("injected conflict").build();
            throw TransactionCanceledException.builder().message("injected: transaction conflict")
                    .statusCode(400).awsErrorDetails(details("TransactionCanceledException"))
                    .cancellationReasons(Collections.nCopies(tx.transactItems().size(), conflict)).build();
        }
        throw ProvisionedThroughputExceededException.builder().message("injected: throughput exceeded")
                .statusCode(400).awsErrorDetails(details("ProvisionedThroughputExceededException")).build();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        // Transactions, and the one-item conditional puts the store uses instead of a one-item transaction.
        boolean storeWrite = context.request() instanceof TransactWriteItemsRequest
                || context.request() instanceof PutItemRequest put && put.conditionExpression() != null
                && put.conditionExpression().endsWith("#same = :same");
        if (storeWrite && roll(lostResponseRate)) {
            throw SdkClientException.create("injected: response lost after the server applied the request",
                    new IOException("connection reset"));
        }
    }

    private static AwsErrorDetails details(String code) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage("injected").serviceName("DynamoDb").build();
    }

    private synchronized boolean roll(double rate) {
        boolean hit = enabled && random.nextDouble() < rate;
        if (hit) {
            injected.incrementAndGet();
        }
        return hit;
    }

    private synchronized boolean coin() {
        return random.nextBoolean();
    }
}
