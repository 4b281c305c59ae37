package io.inventorysync.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RecordKey} writes its equals, hashCode and toString out (cold start, README issue 16, eighth
 * round): they must mean what the record's generated ones mean, checked against a record of the same
 * components whose methods are generated.
 */
class RecordKeyTest {
    /** The same components with the generated methods. */
    private record Generated(String sku, String locationId) {
    }

    @Test
    void equalsAndHashCode_shouldMeanBothComponentsEqual() {
        String[][] pairs = {{"sku-1", "store-1"}, {"sku-1", "store-2"}, {"sku-2", "store-1"}, {"", ""},
                {"a#b", "c"}, {"a", "#bc"}, {"Aa", "BB"}, {"BB", "Aa"}, {"\u2028", "\uD83D\uDE00"}};
        for (String[] a : pairs) {
            for (String[] b : pairs) {
                RecordKey x = new RecordKey(a[0], a[1]);
                RecordKey y = new RecordKey(b[0], b[1]);
                boolean generated = new Generated(a[0], a[1]).equals(new Generated(b[0], b[1]));
                assertThat(x.equals(y)).as("%s vs %s", x, y).isEqualTo(generated);
                if (generated) {
                    assertThat(x.hashCode()).isEqualTo(y.hashCode());
                }
            }
            RecordKey x = new RecordKey(a[0], a[1]);
            assertThat(x.equals(null)).isFalse();
            assertThat(x.equals(new Generated(a[0], a[1]))).isFalse();
        }
        Map<RecordKey, Integer> map = new HashMap<>();
        map.put(new RecordKey("sku-1", "store-1"), 1);
        map.put(new RecordKey("sku-1", "store-2"), 2);
        assertThat(map.get(new RecordKey("sku-1", "store-1"))).isEqualTo(1);
        assertThat(map.get(new RecordKey("sku-1", "store-2"))).isEqualTo(2);
        assertThat(map.get(new RecordKey("sku-2", "store-1"))).isNull();
    }

    @Test
    void toString_shouldBeTheRecordsText() {
        RecordKey key = new RecordKey("sku, 1]", "store=1");
        assertThat(key.toString()).isEqualTo(new Generated("sku, 1]", "store=1").toString().replace("Generated[", "RecordKey["));
    }

    @Test
    void constructor_shouldRefuseNullComponents() {
        assertThatThrownBy(() -> new RecordKey(null, "store-1")).isInstanceOf(NullPointerException.class).hasMessage("sku");
        assertThatThrownBy(() -> new RecordKey("sku-1", null)).isInstanceOf(NullPointerException.class).hasMessage("locationId");
    }

    /** A component added to the record would be left out of the written-out methods: the twin must have the same ones. */
    @Test
    void components_shouldBeTheTwinsOnes() {
        assertThat(describe(RecordKey.class.getRecordComponents())).isEqualTo(describe(Generated.class.getRecordComponents()));
    }

    /** The written-out methods are the point: the class must not go back to the generated ones (ObjectMethods). */
    @Test
    void classFile_shouldNotNameObjectMethods() throws IOException {
        try (InputStream in = RecordKey.class.getResourceAsStream("RecordKey.class")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).doesNotContain("java/lang/runtime/ObjectMethods");
        }
    }

    private static String describe(RecordComponent[] components) {
        return Arrays.stream(components).map(c -> c.getType().getName() + " " + c.getName()).toList().toString();
    }
}
