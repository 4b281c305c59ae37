package io.inventorysync.domain.vendor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading parsed vendor JSON (maps, lists, strings, numbers) without a JSON library. */
final class Payload {
    private Payload() {
    }

    static Map<?, ?> object(Object parent, String field) {
        return parent instanceof Map<?, ?> m && m.get(field) instanceof Map<?, ?> child ? child : Map.of();
    }

    static List<?> list(Object parent, String field) {
        return parent instanceof Map<?, ?> m && m.get(field) instanceof List<?> child ? child : List.of();
    }

    /**
     * An id as a string: vendors' ids are 64-bit (Shopify's pass 2^53), so they are read as
     * integers or strings, never through a double.
     */
    static Optional<String> id(Object parent, String field) {
        if (!(parent instanceof Map<?, ?> m)) {
            return Optional.empty();
        }
        return switch (m.get(field)) {
            case Integer i -> Optional.of(Long.toString(i));
            case Long l -> Optional.of(Long.toString(l));
            case BigInteger b -> Optional.of(b.toString());
            case BigDecimal d when d.scale() <= 0 -> Optional.of(d.toBigInteger().toString());
            case String s when !s.isBlank() -> Optional.of(s);
            case null, default -> Optional.empty();
        };
    }

    static Optional<String> text(Object parent, String field) {
        return parent instanceof Map<?, ?> m && m.get(field) instanceof String s && !s.isBlank()
                ? Optional.of(s) : Optional.empty();
    }

    /** A whole number: an integer, or a decimal string without a fraction ("3", "3.0"); empty otherwise. */
    static Optional<Long> wholeNumber(Object parent, String field) {
        if (!(parent instanceof Map<?, ?> m)) {
            return Optional.empty();
        }
        Object value = m.get(field);
        try {
            BigDecimal d = switch (value) {
                case Integer i -> BigDecimal.valueOf(i);
                case Long l -> BigDecimal.valueOf(l);
                case BigInteger b -> new BigDecimal(b);
                case BigDecimal b -> b;
                case String s -> new BigDecimal(s.trim());
                case null, default -> null;
            };
            if (d == null || d.stripTrailingZeros().scale() > 0) {
                return Optional.empty();
            }
            return Optional.of(d.longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** An RFC 3339 time with any offset, as an instant. */
    static Optional<Instant> time(Object parent, String field) {
        return text(parent, field).flatMap(s -> {
            try {
                return Optional.of(OffsetDateTime.parse(s).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    static boolean isTrue(Object parent, String field) {
        return parent instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get(field));
    }
}
