package io.inventorysync.processor;

import io.inventorysync.movements.QueuedMovement;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.HashMap;
import java.util.Map;

/**
 * Parks poison in the movements queue's dead-letter queue (a FIFO queue, same group), with the
 * original attributes and a {@code rejectionReason}, so it never blocks its group meanwhile.
 */
public final class SqsPoisonQueue implements PoisonQueue {
    private final SqsClient sqs;
    private final String deadLetterQueueUrl;

    public SqsPoisonQueue(SqsClient sqs, String deadLetterQueueUrl) {
        this.sqs = sqs;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    @Override
    public void park(QueuedMovement message, String reason) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        message.attributes().forEach((k, v) -> attributes.put(k, string(v)));
        attributes.put("rejectionReason", string(reason));
        sqs.sendMessage(r -> r.queueUrl(deadLetterQueueUrl)
                .messageBody(message.body().isEmpty() ? "(empty)" : message.body())
                .messageGroupId(message.groupId() == null ? "poison" : message.groupId())
                .messageDeduplicationId(message.messageId())
                .messageAttributes(attributes));
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
