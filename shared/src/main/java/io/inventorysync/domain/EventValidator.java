package io.inventorysync.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates one inbound event of contract v1 and v1.1, given as a parsed JSON tree, and reports
 * every problem in one pass. Unknown members are ignored, and so are members that only other types
 * take ({@code toLocationId} on a {@code SALE}, {@code from}/{@code to} on a {@code RECEIPT} line,
 * {@code reasonCode} on a {@code COUNT}): they are dropped, not carried into the event. Only
 * {@code reservationId} off a {@code SALE} is a problem, as in v1.
 */
public final class EventValidator {
    /** Lines per event. */
    public static final int MAX_LINES = 100;
    /** How far in the future {@code occurredAt} may lie (clock skew at the sender). */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);
    /** No movement happened before this: an earlier date is a sender's bug (and would sort wrongly). */
    public static final Instant EARLIEST_OCCURRED_AT = Instant.parse("2000-01-01T00:00:00Z");
    /** Largest absolute quantity on one line: far beyond any real movement, well inside a long. */
    public static final long MAX_QUANTITY = 1_000_000_000L;

    private static final List<ChangeType> INBOUND_TYPES =
            Arrays.stream(ChangeType.values()).filter(ChangeType::isInbound).toList();
    private static final List<ItemCondition> CONDITIONS = List.of(ItemCondition.values());
    private static final List<StockState> STATES = List.of(StockState.values());
    private static final List<ReasonCode> WRITE_OFF_CODES =
            Arrays.stream(ReasonCode.values()).filter(ReasonCode::isWriteOff).toList();
    private static final List<ReasonCode> ADJUSTMENT_CODES = List.of(ReasonCode.values());

    private final Clock clock;

    public EventValidator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param raw  the event as parsed JSON
     * @param path where the event sits in the body ({@code ""} for a single event,
     *             {@code events[3]} inside a batch); prefixes every problem's path
     */
    public Validated<InventoryEvent> validate(Object raw, String path) {
        List<Problem> problems = new ArrayList<>();
        RawFields f = new RawFields(problems);
        Map<String, Object> obj = f.object(raw, path.isEmpty() ? "(body)" : path);
        if (obj == null) {
            return new Validated.Invalid<>(problems);
        }
        String eventId = f.requiredId(obj, path, "eventId");
        ChangeType type = f.requiredEnum(obj, path, "type", ChangeType.class, INBOUND_TYPES);
        Instant occurredAt = occurredAt(obj, path, f);
        String locationId = f.requiredId(obj, path, "locationId");
        String reference = f.optionalString(obj, path, "reference", 256);
        String reservationId = f.optionalId(obj, path, "reservationId");
        String toLocationId = f.optionalId(obj, path, "toLocationId");
        String fromLocationId = f.optionalId(obj, path, "fromLocationId");
        String reason = f.optionalString(obj, path, "reason", 256);
        ReasonCode reasonCode = type == null ? null : reasonCode(obj, path, f, type);

        if (type != null) {
            checkTypeSpecificFields(obj, path, f, type, locationId, reservationId, toLocationId, fromLocationId,
                    reason);
        }
        List<EventLine> lines = lines(obj, path, f, type);

        if (!problems.isEmpty()) {
            return new Validated.Invalid<>(problems);
        }
        return new Validated.Valid<>(new InventoryEvent(eventId, type, occurredAt, locationId, lines, reference,
                type == ChangeType.SALE ? reservationId : null,
                type == ChangeType.TRANSFER_OUT ? toLocationId : null,
                type == ChangeType.TRANSFER_IN || type == ChangeType.TRANSFER_CLOSE ? fromLocationId : null,
                reason, reasonCode));
    }

    /**
     * The event's {@code reasonCode}: required on {@code WRITE_OFF} (a write-off code), optional on
     * {@code ADJUSTMENT} (any code); not read on other types, where v1 senders may carry it as an
     * unknown member.
     */
    private static ReasonCode reasonCode(Map<String, Object> obj, String path, RawFields f, ChangeType type) {
        return switch (type) {
            case WRITE_OFF -> obj.get("reasonCode") == null
                    ? required(f, RawFields.path(path, "reasonCode"), type)
                    : f.enumValue(obj.get("reasonCode"), RawFields.path(path, "reasonCode"), ReasonCode.class,
                    WRITE_OFF_CODES);
            case ADJUSTMENT -> obj.get("reasonCode") == null ? null
                    : f.enumValue(obj.get("reasonCode"), RawFields.path(path, "reasonCode"), ReasonCode.class,
                    ADJUSTMENT_CODES);
            default -> null;
        };
    }

    private static <T> T required(RawFields f, String path, ChangeType type) {
        f.problem(path, "is required for " + type);
        return null;
    }

    private Instant occurredAt(Map<String, Object> obj, String path, RawFields f) {
        String text = f.requiredString(obj, path, "occurredAt", 64);
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            f.problem(RawFields.path(path, "occurredAt"), "must be an RFC 3339 date-time with offset, e.g. 2026-11-22T10:15:00Z");
            return null;
        }
        if (instant.isBefore(EARLIEST_OCCURRED_AT)) {
            f.problem(RawFields.path(path, "occurredAt"), "must not be before 2000-01-01T00:00:00Z");
            return null;
        }
        if (instant.isAfter(clock.instant().plus(MAX_FUTURE_SKEW))) {
            f.problem(RawFields.path(path, "occurredAt"), "must not be more than 5 minutes in the future");
            return null;
        }
        // The store orders by millisecond; finer precision would make equal instants compare unequal.
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static void checkTypeSpecificFields(Map<String, Object> obj, String path, RawFields f, ChangeType type,
                                                String locationId, String reservationId, String toLocationId,
                                                String fromLocationId, String reason) {
        if (type == ChangeType.ADJUSTMENT && reason == null && obj.get("reason") == null) {
            f.problem(RawFields.path(path, "reason"), "is required for ADJUSTMENT");
        }
        if (type != ChangeType.SALE && reservationId != null) {
            f.problem(RawFields.path(path, "reservationId"), "is only allowed on SALE");
        }
        if (type == ChangeType.TRANSFER_OUT) {
            requireOtherLocation(obj, path, f, "toLocationId", toLocationId, locationId, type);
        }
        if (type == ChangeType.TRANSFER_IN || type == ChangeType.TRANSFER_CLOSE) {
            requireOtherLocation(obj, path, f, "fromLocationId", fromLocationId, locationId, type);
        }
    }

    private static void requireOtherLocation(Map<String, Object> obj, String path, RawFields f, String field,
                                             String value, String locationId, ChangeType type) {
        if (value == null && obj.get(field) == null) {
            f.problem(RawFields.path(path, field), "is required for " + type);
        } else if (value != null && value.equals(locationId)) {
            f.problem(RawFields.path(path, field), "must differ from locationId");
        }
    }

    private static List<EventLine> lines(Map<String, Object> obj, String path, RawFields f, ChangeType type) {
        List<?> raw = f.array(obj, path, "lines", 1, MAX_LINES);
        if (raw == null) {
            return List.of();
        }
        List<EventLine> lines = new ArrayList<>(raw.size());
        Map<String, Integer> firstLineOfSku = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String linePath = RawFields.path(path, "lines") + "[" + i + "]";
            Map<String, Object> line = f.object(raw.get(i), linePath);
            if (line == null) {
                continue;
            }
            String sku = f.requiredId(line, linePath, "sku");
            Long quantity = quantity(line, linePath, f, type);
            ItemCondition condition = null;
            if (type == ChangeType.RETURN) {
                Object rawCondition = line.get("condition");
                condition = rawCondition == null
                        ? ItemCondition.RESALABLE
                        : f.enumValue(rawCondition, linePath + ".condition", ItemCondition.class, CONDITIONS);
            }
            StockState from = type == ChangeType.MOVE || type == ChangeType.WRITE_OFF
                    ? state(line, linePath, "from", f, type) : null;
            StockState to = type == ChangeType.MOVE ? state(line, linePath, "to", f, type) : null;
            if (from != null && from == to) {
                f.problem(linePath + ".to", "must differ from " + linePath + ".from");
            }
            if (sku != null) {
                Integer first = firstLineOfSku.putIfAbsent(sku, i);
                if (first != null) {
                    f.problem(linePath + ".sku", "duplicates lines[" + first + "].sku (" + sku
                            + "); send one line per SKU");
                }
            }
            if (sku != null && quantity != null) {
                lines.add(new EventLine(sku, sku, quantity, condition, from, to));
            }
        }
        return lines;
    }

    /** A line's {@code from} or {@code to}: required on the types that read it. */
    private static StockState state(Map<String, Object> line, String linePath, String field, RawFields f,
                                    ChangeType type) {
        Object raw = line.get(field);
        return raw == null ? required(f, linePath + "." + field, type)
                : f.enumValue(raw, linePath + "." + field, StockState.class, STATES);
    }

    private static Long quantity(Map<String, Object> line, String linePath, RawFields f, ChangeType type) {
        // Comparisons, not a switch with `case null`: that makes it a pattern switch whose enum labels
        // a fresh JVM resolves through SwitchBootstraps and constant bootstraps on the first event
        // (28 to 72 ms, C1 only; README, issue 16, "Eighth round"). A null type reads as the default.
        String expectation = type == ChangeType.ADJUSTMENT ? "a non-zero integer"
                : type == ChangeType.COUNT ? "a non-negative integer"
                : "a positive integer";
        Long q = f.integer(line, linePath, "quantity", true, expectation);
        if (q == null) {
            return null;
        }
        boolean ok = type == ChangeType.ADJUSTMENT ? q != 0
                : type == ChangeType.COUNT ? q >= 0
                : q > 0;
        if (!ok) {
            f.problem(linePath + ".quantity", "must be " + expectation);
            return null;
        }
        if (Math.abs(q) > MAX_QUANTITY) {
            f.problem(linePath + ".quantity", "must be at most " + MAX_QUANTITY + " in absolute value");
            return null;
        }
        return q;
    }
}
