package io.inventorysync.store.internal;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PagesTest {

    @Test
    void pages_shouldReadPageAfterPageLazily_startingEachAfterTheLastKey() {
        // given: three pages, the middle one empty (DynamoDB may return an empty page with a key)
        List<Map<String, AttributeValue>> asked = new ArrayList<>();
        Pages<String> pages = new Pages<>(start -> {
            asked.add(start);
            int n = asked.size();
            return switch (n) {
                case 1 -> Page.create(List.of("a", "b"), Map.of("k", AttributeValue.fromS("b")));
                case 2 -> Page.create(List.of(), Map.of("k", AttributeValue.fromS("c")));
                default -> Page.create(List.of("d"));
            };
        });
        // when / then: nothing read before it is asked for
        assertThat(asked).isEmpty();
        List<String> items = new ArrayList<>();
        pages.forEachRemaining(items::add);
        assertThat(items).containsExactly("a", "b", "d");
        assertThat(asked).containsExactly(null, Map.of("k", AttributeValue.fromS("b")),
                Map.of("k", AttributeValue.fromS("c")));
        assertThat(pages.hasNext()).isFalse();
    }
}
