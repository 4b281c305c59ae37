package io.inventorysync.reconcile;

import io.inventorysync.http.JsonText;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The reconcile queue on SQS (standard): a message {@code {"sourceId", "snapshotId"}} per request. */
public final class SqsReconcileQueue implements ReconcileQueue {
    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public SqsReconcileQueue(SqsClient sqs, String queueUrl) {
        this(() -> sqs, queueUrl);
    }

    /** With a client asked for on each request (e.g. one built on first use). */
    public SqsReconcileQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void request(String sourceId, String snapshotId) {
        try {
            sqs.get().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body(sourceId, snapshotId)));
        } catch (SdkException e) {
            throw new QueueUnavailableException("reconcile request not queued", e);
        }
    }

    static String body(String sourceId, String snapshotId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("sourceId", sourceId);
        body.put("snapshotId", snapshotId);
        return JsonText.write(body);
    }

    /** The {@code (sourceId, snapshotId)} of a message body, or {@code null} when it is not one. */
    public static String[] parse(String body) {
        try {
            // Read without the mapper (JsonText): the reconciler's first event builds none (issue 16).
            if (JsonText.readTree(body) instanceof Map<?, ?> map && map.get("sourceId") instanceof String s
                    && map.get("snapshotId") instanceof String id) {
                return new String[] {s, id};
            }
        } catch (java.io.IOException e) {
            // not ours
        }
        return null;
    }
}
