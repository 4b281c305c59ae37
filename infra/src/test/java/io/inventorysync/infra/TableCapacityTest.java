package io.inventorysync.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The table's capacity setting as CDK context gives it ({@code -c} values are strings, cdk.json
 * values may be numbers): on demand unless asked, provisioned with sensible defaults from one key,
 * and a value the deploy cannot honour stops the synthesis with a message naming the key.
 */
class TableCapacityTest {

    @Test
    void noSetting_shouldStayOnDemand_asEveryDeployBefore() {
        assertThat(TableCapacity.from(context(Map.of()))).isEqualTo(TableCapacity.ON_DEMAND);
        assertThat(TableCapacity.from(context(Map.of("tableCapacity", "on-demand"))).provisioned()).isFalse();
    }

    @Test
    void provisionedAlone_shouldScaleBetweenOneAndAThousandAtSeventyPerCent() {
        TableCapacity capacity = TableCapacity.from(context(Map.of("tableCapacity", "provisioned")));
        assertThat(capacity.provisioned()).isTrue();
        assertThat(capacity.targetUtilizationPercent()).isEqualTo(70);
        assertThat(capacity.read()).isEqualTo(new TableCapacity.Bounds(1, 1000));
        assertThat(capacity.write()).isEqualTo(new TableCapacity.Bounds(1, 1000));
    }

    @Test
    void everyKey_shouldBeRead_asStringsFromTheCommandLineOrNumbersFromCdkJson() {
        TableCapacity capacity = TableCapacity.from(context(Map.of("tableCapacity", " Provisioned ",
                "tableCapacity.targetUtilization", "65", "tableCapacity.readMin", 2, "tableCapacity.readMax", "300",
                "tableCapacity.writeMin", "3", "tableCapacity.writeMax", 400)));
        assertThat(capacity).isEqualTo(new TableCapacity(TableCapacity.Mode.PROVISIONED, 65,
                new TableCapacity.Bounds(2, 300), new TableCapacity.Bounds(3, 400)));
    }

    @Test
    void boundsGivenForOnDemand_shouldBeIgnored_soCdkJsonCanKeepThemWhileADeploySaysOnDemand() {
        assertThat(TableCapacity.from(context(Map.of("tableCapacity", "on-demand", "tableCapacity.readMin", "50",
                "tableCapacity.readMax", "5", "tableCapacity.targetUtilization", "99")))).isEqualTo(TableCapacity.ON_DEMAND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PAY_PER_REQUEST", "ondemand", "provisioned-capacity", ""})
    void unknownMode_shouldFailTheSynth_namingTheChoices(String mode) {
        assertThatThrownBy(() -> TableCapacity.from(context(Map.of("tableCapacity", mode))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tableCapacity must be on-demand or provisioned");
    }

    @ParameterizedTest
    @CsvSource({"19", "91", "0", "100", "-70"})
    void utilisationOutsideTwentyToNinety_shouldFailTheSynth(String percent) {
        assertThatThrownBy(() -> TableCapacity.from(context(Map.of("tableCapacity", "provisioned",
                "tableCapacity.targetUtilization", percent))))
                .hasMessageContaining("tableCapacity.targetUtilization must be 20 to 90");
    }

    @ParameterizedTest
    @CsvSource({"20", "90"})
    void utilisationAtTheEdges_shouldBeAccepted(String percent) {
        assertThat(TableCapacity.from(context(Map.of("tableCapacity", "provisioned",
                "tableCapacity.targetUtilization", percent))).targetUtilizationPercent()).isEqualTo(Integer.parseInt(percent));
    }

    @ParameterizedTest
    @CsvSource({"read, 11, 10", "write, 1001, ''", "read, 0, 10", "write, -1, 5"})
    void badBounds_shouldFailTheSynth_namingTheKey(String what, String min, String max) {
        Map<String, Object> values = new HashMap<>(Map.of("tableCapacity", "provisioned", "tableCapacity." + what + "Min", min));
        if (!max.isEmpty()) {
            values.put("tableCapacity." + what + "Max", max);
        }
        assertThatThrownBy(() -> TableCapacity.from(context(values)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tableCapacity." + what + "Min");
    }

    @Test
    void minEqualToMax_shouldBeAccepted_aFixedCapacity() {
        TableCapacity capacity = TableCapacity.from(context(Map.of("tableCapacity", "provisioned",
                "tableCapacity.writeMin", "25", "tableCapacity.writeMax", "25")));
        assertThat(capacity.write()).isEqualTo(new TableCapacity.Bounds(25, 25));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "1.5", "5 WCU"})
    void aNumberThatIsNot_shouldFailTheSynth_namingTheKey(String value) {
        assertThatThrownBy(() -> TableCapacity.from(context(Map.of("tableCapacity", "provisioned",
                "tableCapacity.readMax", value))))
                .hasMessageContaining("tableCapacity.readMax must be a whole number");
    }

    private static java.util.function.Function<String, Object> context(Map<String, ?> values) {
        return values::get;
    }
}
