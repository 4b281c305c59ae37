package io.inventorysync.infra;

import java.util.Locale;
import java.util.function.Function;

/**
 * How the table (and each of its indexes) is billed: on demand (the default), or provisioned
 * capacity that Application Auto Scaling keeps near a target utilisation between a minimum and a
 * maximum. Read from CDK context (README, "Configuration": {@code -c tableCapacity=provisioned}, with
 * the {@code tableCapacity.*} keys optional). The same bounds apply to the table and to every index,
 * each scaled on its own.
 *
 * @param mode                     on demand or provisioned
 * @param targetUtilizationPercent consumed / provisioned that auto scaling aims at, 20 to 90 (the
 *                                 range Application Auto Scaling accepts for DynamoDB)
 * @param read                     read capacity units, provisioned at {@code min} and scaled up to {@code max}
 * @param write                    write capacity units, likewise
 */
public record TableCapacity(Mode mode, int targetUtilizationPercent, Bounds read, Bounds write) {
    /** The context key that chooses the mode; the others are {@code tableCapacity.<name>}. */
    public static final String KEY = "tableCapacity";
    public static final int DEFAULT_TARGET_UTILIZATION = 70;
    public static final int DEFAULT_MIN = 1;
    public static final int DEFAULT_MAX = 1000;
    /** On demand: what every deploy had before the setting existed. */
    public static final TableCapacity ON_DEMAND = new TableCapacity(Mode.ON_DEMAND, DEFAULT_TARGET_UTILIZATION,
            new Bounds(DEFAULT_MIN, DEFAULT_MAX), new Bounds(DEFAULT_MIN, DEFAULT_MAX));

    public enum Mode {
        ON_DEMAND("on-demand"), PROVISIONED("provisioned");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        /** As written in context: {@code on-demand}, {@code provisioned}. */
        public String id() {
            return id;
        }
    }

    /** Capacity units: provisioned at {@code min} when deployed, never scaled below it nor above {@code max}. */
    public record Bounds(int min, int max) {
    }

    public TableCapacity {
        if (targetUtilizationPercent < 20 || targetUtilizationPercent > 90) {
            throw new IllegalArgumentException(KEY + ".targetUtilization must be 20 to 90 (per cent), not "
                    + targetUtilizationPercent);
        }
        check("read", read);
        check("write", write);
    }

    public boolean provisioned() {
        return mode == Mode.PROVISIONED;
    }

    /**
     * The setting from context values ({@code null} where a key is not set): on demand unless
     * {@code tableCapacity} is {@code provisioned}. The bounds and target are read, and checked, only
     * for provisioned capacity, so a {@code cdk.json} may keep them while a deploy says on-demand.
     */
    public static TableCapacity from(Function<String, Object> context) {
        Object mode = context.apply(KEY);
        String name = mode == null ? Mode.ON_DEMAND.id() : mode.toString().trim().toLowerCase(Locale.ROOT);
        if (name.equals(Mode.ON_DEMAND.id())) {
            return ON_DEMAND;
        }
        if (!name.equals(Mode.PROVISIONED.id())) {
            throw new IllegalArgumentException(KEY + " must be on-demand or provisioned, not " + mode);
        }
        return new TableCapacity(Mode.PROVISIONED,
                number(context, "targetUtilization", DEFAULT_TARGET_UTILIZATION),
                new Bounds(number(context, "readMin", DEFAULT_MIN), number(context, "readMax", DEFAULT_MAX)),
                new Bounds(number(context, "writeMin", DEFAULT_MIN), number(context, "writeMax", DEFAULT_MAX)));
    }

    private static int number(Function<String, Object> context, String name, int fallback) {
        Object value = context.apply(KEY + "." + name);
        if (value == null) {
            return fallback;
        }
        String text = value.toString().trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(KEY + "." + name + " must be a whole number, not " + value);
        }
    }

    private static void check(String what, Bounds bounds) {
        if (bounds.min() < 1) {
            throw new IllegalArgumentException(KEY + "." + what + "Min must be at least 1 capacity unit, not " + bounds.min());
        }
        if (bounds.min() > bounds.max()) {
            throw new IllegalArgumentException(KEY + "." + what + "Min (" + bounds.min() + ") must not be above "
                    + KEY + "." + what + "Max (" + bounds.max() + ")");
        }
    }
}
