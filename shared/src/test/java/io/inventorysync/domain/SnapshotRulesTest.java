package io.inventorysync.domain;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Drift, header mismatches, the correcting count, and the snapshot part's validation. */
class SnapshotRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");
    private final SnapshotValidator validator = new SnapshotValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void drifts_shouldBeStrictlyBeyondTheThreshold_eitherWay() {
        assertThat(SnapshotRules.drifts(11, 10, 1)).isFalse();
        assertThat(SnapshotRules.drifts(9, 10, 1)).isFalse();
        assertThat(SnapshotRules.drifts(12, 10, 1)).isTrue();
        assertThat(SnapshotRules.drifts(8, 10, 1)).isTrue();
        assertThat(SnapshotRules.drifts(1, 0, 0)).isTrue();
        assertThat(SnapshotRules.drifts(0, 0, 0)).isFalse();
        assertThat(SnapshotRules.drifts(-3, 2, 4)).isTrue();
    }

    @Test
    void correction_shouldBeACountAtAsOf_keyedByPartAndLine_withTheSnapshotAsCause() {
        Instant asOf = Instant.parse("2026-11-29T02:00:00Z");
        Movement count = SnapshotRules.correction("wms", "n-1", 3, 17, new SnapshotLine("BLU", "W-1", "dc-1", 5), asOf);
        assertThat(count.type()).isEqualTo(ChangeType.COUNT);
        assertThat(count.key()).isEqualTo(MovementKey.of("wms", "snapshot:n-1:3", 17));
        assertThat(count.quantity()).isEqualTo(5);
        assertThat(count.sourceSku()).isEqualTo("W-1");
        assertThat(MovementRules.countTime(count, NOW)).isEqualTo(asOf);
        assertThat(count.reference()).isEqualTo("snapshot/n-1");
        // the same line gives the same movement: applying it again is a duplicate
        assertThat(SnapshotRules.correction("wms", "n-1", 3, 17, new SnapshotLine("BLU", "W-1", "dc-1", 5), asOf)
                .fingerprint()).isEqualTo(count.fingerprint());
    }

    @Test
    void validate_shouldAcceptAPart_andMismatchesShouldNameEachDifferingField() {
        SnapshotPart first = valid(Map.of("snapshotId", "n-1", "asOf", "2026-11-29T02:00:00Z", "measure", "ON_HAND",
                "mode", "REPORT", "part", 1, "parts", 2, "completeFor", List.of("dc-1"),
                "lines", List.of(Map.of("sku", "BLU", "locationId", "dc-1", "quantity", -2))));
        assertThat(first.lines()).containsExactly(new SnapshotLine("BLU", "BLU", "dc-1", -2));
        SnapshotPart other = valid(Map.of("snapshotId", "n-1", "asOf", "2026-11-29T02:00:01Z", "measure", "ON_HAND",
                "mode", "CORRECT", "part", 2, "parts", 3, "lines", List.of()));
        assertThat(SnapshotRules.mismatches(first, other)).containsExactly("asOf", "mode", "parts");
        assertThat(SnapshotRules.mismatches(first, first)).isEmpty();
    }

    @Test
    void validate_shouldListEveryProblem_inOnePass() {
        var result = validator.validate(Map.of("snapshotId", "n 1", "asOf", "2026-11-29T04:00:00Z", "measure", "COUNTED",
                "mode", "CORRECT", "part", 0, "parts", 1001, "lines", List.of(
                        Map.of("sku", "BLU", "quantity", 1),
                        Map.of("sku", "RED", "locationId", "dc-1", "quantity", "2"),
                        Map.of("sku", "RED", "locationId", "dc-1", "quantity", 2),
                        Map.of("sku", "RED", "locationId", "dc-1", "quantity", 3))));
        assertThat(result).isInstanceOfSatisfying(Validated.Invalid.class, invalid ->
                assertThat(((Validated.Invalid<?>) invalid).problems()).extracting(Problem::path).containsExactlyInAnyOrder(
                        "snapshotId", "asOf", "measure", "part", "parts", "lines[1].quantity", "lines[3]"));
        var channel = validator.validate(Map.of("snapshotId", "c-1", "asOf", "2026-11-29T02:00:00Z",
                "measure", "CHANNEL_AVAILABLE", "mode", "CORRECT", "part", 1, "parts", 1, "completeFor", List.of("dc-1"),
                "lines", List.of(Map.of("sku", "BLU", "locationId", "dc-1", "quantity", -1))));
        assertThat(((Validated.Invalid<?>) channel).problems()).extracting(Problem::path).containsExactlyInAnyOrder(
                "channel", "mode", "completeFor", "lines[0].locationId", "lines[0].quantity");
    }

    @Test
    void validate_shouldTakeAThousandLines_andRefuseOneMore() {
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (int i = 0; i < SnapshotPart.MAX_LINES; i++) {
            lines.add(Map.of("sku", "S-" + i, "locationId", "dc-1", "quantity", i));
        }
        Map<String, Object> body = new java.util.HashMap<>(Map.of("snapshotId", "big", "asOf", "2026-11-29T02:00:00Z",
                "measure", "ON_HAND", "mode", "REPORT", "part", 1000, "parts", 1000, "lines", lines));
        assertThat(validator.validate(body)).isInstanceOf(Validated.Valid.class);
        lines.add(Map.of("sku", "S-x", "locationId", "dc-1", "quantity", 1));
        assertThat(validator.validate(body)).isInstanceOf(Validated.Invalid.class);
    }

    private SnapshotPart valid(Map<String, Object> body) {
        return ((Validated.Valid<SnapshotPart>) validator.validate(body)).value();
    }
}
