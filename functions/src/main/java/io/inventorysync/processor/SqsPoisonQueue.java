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
        message.attributes().forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                attributes.put(k, string(v));
            }
        });
        attributes.put("rejectionReason", string(reason == null || reason.isEmpty() ? "(none)" : reason));
        sqs.sendMessage(r -> r.queueUrl(deadLetterQueueUrl)
                .messageBody(message.body().isEmpty() ? "(empty)" : acceptable(message.body()))
                .messageGroupId(message.groupId() == null ? "poison" : message.groupId())
                .messageDeduplicationId(message.messageId())
                .messageAttributes(attributes));
    }

    /** A string attribute SQS accepts: characters it refuses (U+FFFE, most control characters, lone surrogates) become U+FFFD. */
    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(acceptable(value)).build();
    }

    /** {@code value} with every character outside SQS's allowed set (#x9, #xA, #xD, #x20-#xD7FF, #xE000-#xFFFD, #x10000-#x10FFFF) replaced. */
    static String acceptable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            out.appendCodePoint(allowed ? cp : 0xFFFD);
        });
        return out.toString();
    }
}
