package io.inventorysync.domain;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A source's configuration as the admin route takes and answers it ({@link SourceConfig}). */
class SourceConfigTest {

    @Test
    void read_shouldGiveTheDefaults_forAnEmptyConfiguration() {
        Source source = valid(Map.of());
        assertThat(source.locations()).containsExactly("*");
        assertThat(source.eventTypes()).isEqualTo(Source.ALL_EVENT_TYPES);
        assertThat(source.canReserve()).isFalse();
        assertThat(source.driftThreshold()).isEqualTo(1);
        assertThat(source.unknownSkus()).isEqualTo(Source.UnknownSkuPolicy.PASS_THROUGH);
        assertThat(source.skuAliases()).isEmpty();
        assertThat(source.secretRef()).isEqualTo("prefix/pos-1");
    }

    @Test
    void read_shouldTakeEveryMember_andViewShouldGiveThemBack() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("aliases", Map.of("SKU-4471", "BLU-SHIRT-M"));
        json.put("unknownSkus", "REJECT");
        json.put("locations", List.of("store-1*", "web-dc"));
        json.put("eventTypes", List.of("SALE", "COUNT"));
        json.put("canReserve", true);
        json.put("driftThreshold", 0);
        json.put("someLaterMember", "ignored");
        // when
        Source source = valid(json);
        Map<String, Object> view = SourceConfig.view(source);
        // then
        assertThat(source.eventTypes()).isEqualTo(Set.of(ChangeType.SALE, ChangeType.COUNT));
        assertThat(source.driftThreshold()).isZero();
        assertThat(view).containsEntry("sourceId", "pos-1").containsEntry("locations", List.of("store-1*", "web-dc"))
                .containsEntry("eventTypes", List.of("SALE", "COUNT")).containsEntry("canReserve", true)
                .containsEntry("driftThreshold", 0L).containsEntry("unknownSkus", "REJECT")
                .containsEntry("aliases", Map.of("SKU-4471", "BLU-SHIRT-M"))
                .doesNotContainKeys("secretRef", "secret");
        // the view reads back to the same source
        assertThat(valid(view)).isEqualTo(source);
    }

    @Test
    void read_shouldListEveryProblem_andTakeNothing() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("aliases", Map.of("SKU 1", "X"));
        json.put("unknownSkus", "MAYBE");
        json.put("locations", List.of("store-*-1", "", "web-dc", "web-dc", 7, "*"));
        json.put("eventTypes", List.of("SALE", "RESERVATION_CREATED", "TELEPORT", "SALE"));
        json.put("canReserve", "yes");
        json.put("driftThreshold", -1);
        // when
        Validated<Source> result = SourceConfig.read(json, "POS 1", "prefix/x");
        // then
        assertThat(result).isInstanceOfSatisfying(Validated.Invalid.class, invalid -> assertThat(
                ((Validated.Invalid<?>) invalid).problems()).extracting(Problem::path).containsExactlyInAnyOrder(
                "sourceId", "aliases.SKU 1", "unknownSkus", "locations[0]", "locations[1]", "locations[3]",
                "locations[4]", "eventTypes[1]", "eventTypes[2]", "eventTypes[3]", "canReserve", "driftThreshold"));
    }

    @Test
    void read_shouldRefuseEmptyListsAndNonIntegers() {
        assertThat(problems(Map.of("locations", List.of()))).containsExactly("locations");
        assertThat(problems(Map.of("eventTypes", List.of()))).containsExactly("eventTypes");
        assertThat(problems(Map.of("driftThreshold", 1.5))).containsExactly("driftThreshold");
        assertThat(problems(Map.of("driftThreshold", new BigInteger("99999999999999999999")))).containsExactly("driftThreshold");
        assertThat(problems(Map.of("locations", "store-1*"))).containsExactly("locations");
        assertThat(SourceConfig.read(List.of(), "pos-1", "x")).isInstanceOf(Validated.Invalid.class);
    }

    private static Source valid(Map<String, Object> json) {
        Validated<Source> result = SourceConfig.read(json, "pos-1", "prefix/pos-1");
        assertThat(result).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid<Source>) result).value();
    }

    private static List<String> problems(Map<String, Object> json) {
        return ((Validated.Invalid<Source>) SourceConfig.read(json, "pos-1", "x")).problems().stream()
                .map(Problem::path).toList();
    }
}
