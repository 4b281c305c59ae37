package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Received SQS messages as the {@link SQSEvent} Lambda's event source mapping hands a function,
 * for code that plays the mapping itself (the local cloud, tests).
 */
public final class SqsEvents {
    private SqsEvents() {
    }

    public static SQSEvent of(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(SqsEvents::record).toList());
        return event;
    }

    private static SQSEvent.SQSMessage record(Message m) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(m.messageId());
        record.setReceiptHandle(m.receiptHandle());
        record.setBody(m.body());
        Map<String, String> attributes = new HashMap<>();
        m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
        record.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
        m.messageAttributes().forEach((k, v) -> {
            SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
            a.setDataType(v.dataType());
            a.setStringValue(v.stringValue());
            messageAttributes.put(k, a);
        });
        record.setMessageAttributes(messageAttributes);
        record.setEventSource("aws:sqs");
        return record;
    }
}
