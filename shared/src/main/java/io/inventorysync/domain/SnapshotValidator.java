package io.inventorysync.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a snapshot part against contract v1.1 and lists every problem in one pass
 * ({@code 400 INVALID_SNAPSHOT}).
 */
public final class SnapshotValidator {
    private final Clock clock;

    public SnapshotValidator(Clock clock) {
        this.clock = clock;
    }

    public Validated<SnapshotPart> validate(Object raw) {
        List<Problem> problems = new ArrayList<>();
        RawFields f = new RawFields(problems);
        Map<String, Object> obj = f.object(raw, "");
        if (obj == null) {
            return new Validated.Invalid<>(problems);
        }
        String snapshotId = f.requiredId(obj, "", "snapshotId");
        Instant asOf = asOf(obj, f);
        SnapshotPart.Measure measure = enumOf(obj, f, "measure", SnapshotPart.Measure.class);
        SnapshotPart.Mode mode = enumOf(obj, f, "mode", SnapshotPart.Mode.class);
        String channel = f.optionalId(obj, "", "channel");
        if (measure == SnapshotPart.Measure.CHANNEL_AVAILABLE && channel == null && obj.get("channel") == null) {
            f.problem("channel", "is required for CHANNEL_AVAILABLE");
        }
        if (measure == SnapshotPart.Measure.ON_HAND && obj.get("channel") != null) {
            f.problem("channel", "is only for CHANNEL_AVAILABLE");
        }
        if (measure == SnapshotPart.Measure.CHANNEL_AVAILABLE && mode == SnapshotPart.Mode.CORRECT) {
            f.problem("mode", "CORRECT is only for ON_HAND: a channel's number is not set by a snapshot");
        }
        Long parts = f.integer(obj, "", "parts", true, "an integer from 1 to " + SnapshotPart.MAX_PARTS);
        if (parts != null && (parts < 1 || parts > SnapshotPart.MAX_PARTS)) {
            f.problem("parts", "must be an integer from 1 to " + SnapshotPart.MAX_PARTS);
            parts = null;
        }
        Long part = f.integer(obj, "", "part", true, "an integer from 1 to parts");
        if (part != null && (part < 1 || (parts != null && part > parts) || part > SnapshotPart.MAX_PARTS)) {
            f.problem("part", "must be an integer from 1 to parts");
            part = null;
        }
        List<String> completeFor = new ArrayList<>();
        List<?> rawComplete = f.optionalArray(obj, "", "completeFor", 0, 1_000);
        if (rawComplete != null) {
            if (measure == SnapshotPart.Measure.CHANNEL_AVAILABLE && !rawComplete.isEmpty()) {
                f.problem("completeFor", "is only for ON_HAND");
            }
            for (int i = 0; i < rawComplete.size(); i++) {
                if (rawComplete.get(i) instanceof String s && Ids.isId(s)) {
                    if (completeFor.contains(s)) {
                        f.problem("completeFor[" + i + "]", "names " + s + " twice");
                    }
                    completeFor.add(s);
                } else {
                    f.problem("completeFor[" + i + "]", "must be a location id matching " + Ids.ID.pattern());
                }
            }
        }
        List<SnapshotLine> lines = new ArrayList<>();
        List<?> rawLines = f.array(obj, "", "lines", 0, SnapshotPart.MAX_LINES);
        if (rawLines != null) {
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < rawLines.size(); i++) {
                String path = "lines[" + i + "]";
                Map<String, Object> line = f.object(rawLines.get(i), path);
                if (line == null) {
                    continue;
                }
                String sku = f.requiredId(line, path, "sku");
                String locationId = f.optionalId(line, path, "locationId");
                if (measure == SnapshotPart.Measure.ON_HAND && line.get("locationId") == null) {
                    f.problem(path + ".locationId", "is required for ON_HAND");
                }
                if (measure == SnapshotPart.Measure.CHANNEL_AVAILABLE && line.get("locationId") != null) {
                    f.problem(path + ".locationId", "must be absent for CHANNEL_AVAILABLE (the channel's number is over its locations)");
                }
                Long quantity = f.integer(line, path, "quantity", true, "an integer");
                if (quantity != null && measure == SnapshotPart.Measure.CHANNEL_AVAILABLE && quantity < 0) {
                    f.problem(path + ".quantity", "must not be negative for CHANNEL_AVAILABLE");
                }
                if (sku != null && quantity != null) {
                    String key = sku + "\u0000" + locationId;
                    Integer before = first.putIfAbsent(key, i);
                    if (before != null) {
                        f.problem(path, "repeats lines[" + before + "] (the same sku and location); send each once");
                    }
                    lines.add(new SnapshotLine(sku, sku, locationId, quantity));
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Validated.Invalid<>(problems);
        }
        return new Validated.Valid<>(new SnapshotPart(snapshotId, asOf, measure, channel, mode, part.intValue(),
                parts.intValue(), completeFor, lines));
    }

    private Instant asOf(Map<String, Object> obj, RawFields f) {
        String text = f.requiredString(obj, "", "asOf", 64);
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            f.problem("asOf", "must be an RFC 3339 date-time with offset, e.g. 2026-11-22T02:00:00Z");
            return null;
        }
        if (instant.isBefore(EventValidator.EARLIEST_OCCURRED_AT)) {
            f.problem("asOf", "must not be before 2000-01-01T00:00:00Z");
            return null;
        }
        if (instant.isAfter(clock.instant().plus(EventValidator.MAX_FUTURE_SKEW))) {
            f.problem("asOf", "must not be more than 5 minutes in the future");
            return null;
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static <E extends Enum<E>> E enumOf(Map<String, Object> obj, RawFields f, String field, Class<E> type) {
        String text = f.requiredString(obj, "", field, 64);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E value : type.getEnumConstants()) {
                names.add(value.name());
            }
            f.problem(field, "must be one of " + String.join(", ", names));
            return null;
        }
    }
}
