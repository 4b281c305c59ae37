package io.inventorysync.movements;

import java.util.Map;

/**
 * One message of the movements queue as the processor sees it, whatever delivered it (the SQS
 * event source mapping on AWS, the local poller, a test).
 *
 * @param groupId    the FIFO message group ({@code sku#locationId})
 * @param attributes the message attributes the webhook set (source, event, line, sku, location)
 * @param sentAtMillis when SQS accepted it, for the ingest-to-apply lag; 0 if unknown
 */
public record QueuedMovement(String messageId, String groupId, String body, Map<String, String> attributes,
                             long sentAtMillis) {
}
