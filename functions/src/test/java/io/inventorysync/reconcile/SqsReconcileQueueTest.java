package io.inventorysync.reconcile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconcile queue's message, written and read without the mapper (issue 16, fifth round). */
class SqsReconcileQueueTest {
    @Test
    void aMessage_readsBackWhatItWrote_andNothingElseIsARequest() {
        for (String id : List.of("snap-1", "s\"n\\a/p\u2028\ud83d\ude00", "")) {
            assertThat(SqsReconcileQueue.parse(SqsReconcileQueue.body("pos-1", id))).containsExactly("pos-1", id);
        }
        assertThat(SqsReconcileQueue.parse("{\"snapshotId\":\"s\",\"extra\":[1],\"sourceId\":\"p\"}")).containsExactly("p", "s");
        assertThat(SqsReconcileQueue.parse("{\"sourceId\":\"a\",\"sourceId\":\"p\",\"snapshotId\":\"s\"}")).containsExactly("p", "s");
        // Content after the object: the mapper reads it as it always did (it stops after the object).
        assertThat(SqsReconcileQueue.parse("{\"sourceId\":\"p\",\"snapshotId\":\"s\"} trailing")).containsExactly("p", "s");
        // "null" is no request (the mapper's null map used to fail the whole batch with a NullPointerException).
        for (String notOne : List.of("", "null", "[]", "\"x\"", "{\"sourceId\":\"p\"}", "{\"sourceId\":1,\"snapshotId\":\"s\"}",
                "{\"sourceId\":\"p\",\"snapshotId\":null}", "{")) {
            assertThat(SqsReconcileQueue.parse(notOne)).as(notOne).isNull();
        }
    }
}
