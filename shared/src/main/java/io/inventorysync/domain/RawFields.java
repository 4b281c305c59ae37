package io.inventorysync.domain;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Reads typed fields out of a parsed JSON tree (maps, lists, strings, numbers, booleans, as any
 * JSON parser produces them) and records a {@link Problem} for each field that does not fit,
 * so a validator can report everything wrong in one pass.
 */
final class RawFields {
    private final List<Problem> problems;

    RawFields(List<Problem> problems) {
        this.problems = problems;
    }

    static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    String requiredId(Map<String, Object> obj, String parent, String field) {
        return id(obj, parent, field, true);
    }

    String optionalId(Map<String, Object> obj, String parent, String field) {
        return id(obj, parent, field, false);
    }

    private String id(Map<String, Object> obj, String parent, String field, boolean required) {
        String value = string(obj, parent, field, required, 128);
        if (value != null && !Ids.isId(value)) {
            problem(path(parent, field), "must match " + Ids.ID.pattern());
            return null;
        }
        return value;
    }

    String requiredString(Map<String, Object> obj, String parent, String field, int maxLength) {
        return string(obj, parent, field, true, maxLength);
    }

    String optionalString(Map<String, Object> obj, String parent, String field, int maxLength) {
        return string(obj, parent, field, false, maxLength);
    }

    private String string(Map<String, Object> obj, String parent, String field, boolean required, int maxLength) {
        Object raw = obj.get(field);
        if (raw == null) {
            if (required) {
                problem(path(parent, field), "is required");
            }
            return null;
        }
        if (!(raw instanceof String s)) {
            problem(path(parent, field), "must be a string");
            return null;
        }
        if (s.isBlank()) {
            problem(path(parent, field), "must not be blank");
            return null;
        }
        if (s.length() > maxLength) {
            problem(path(parent, field), "must be at most " + maxLength + " characters");
            return null;
        }
        int bad = firstRefusedCharacter(s);
        if (bad >= 0) {
            problem(path(parent, field), String.format("must not contain the character U+%04X (control characters,"
                    + " U+FFFE, U+FFFF and unpaired surrogates cannot be carried)", bad));
            return null;
        }
        return s;
    }

    /**
     * The first character of {@code s} outside what SQS carries (XML 1.0's characters: tab, line
     * feed, carriage return, U+0020..U+D7FF, U+E000..U+FFFD, U+10000..U+10FFFF), or -1. Refused at
     * validation, so that no request is accepted that the queue would then refuse half-way.
     */
    static int firstRefusedCharacter(String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed) {
                return c;
            }
            i += Character.charCount(c);
        }
        return -1;
    }

    <E extends Enum<E>> E requiredEnum(Map<String, Object> obj, String parent, String field, Class<E> type,
                                       List<E> allowed) {
        Object raw = obj.get(field);
        if (raw == null) {
            problem(path(parent, field), "is required");
            return null;
        }
        return enumValue(raw, path(parent, field), type, allowed);
    }

    <E extends Enum<E>> E enumValue(Object raw, String path, Class<E> type, List<E> allowed) {
        if (raw instanceof String s) {
            for (E e : allowed) {
                if (e.name().equals(s)) {
                    return e;
                }
            }
        }
        problem(path, "must be one of " + allowed);
        return null;
    }

    /**
     * An integer member, or {@code null} when absent or not an integer. JSON numbers with a
     * fraction (even {@code 2.0}) and numbers written as strings are refused: quantities are
     * integers in the contract.
     */
    Long integer(Map<String, Object> obj, String parent, String field, boolean required, String expectation) {
        Object raw = obj.get(field);
        String path = path(parent, field);
        if (raw == null) {
            if (required) {
                problem(path, "is required");
            }
            return null;
        }
        BigInteger value = switch (raw) {
            case Integer i -> BigInteger.valueOf(i);
            case Long l -> BigInteger.valueOf(l);
            case Short s -> BigInteger.valueOf(s);
            case BigInteger b -> b;
            default -> null;
        };
        if (value == null) {
            problem(path, "must be " + expectation);
            return null;
        }
        if (value.bitLength() > 62) {
            problem(path, "is out of range");
            return null;
        }
        return value.longValue();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object raw, String path) {
        if (raw instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        problem(path, "must be an object");
        return null;
    }

    List<?> array(Map<String, Object> obj, String parent, String field, int min, int max) {
        return array(obj, parent, field, min, max, true);
    }

    /** An array member that may be absent (or {@code null}): then {@code null} and no problem. */
    List<?> optionalArray(Map<String, Object> obj, String parent, String field, int min, int max) {
        return array(obj, parent, field, min, max, false);
    }

    private List<?> array(Map<String, Object> obj, String parent, String field, int min, int max, boolean required) {
        Object raw = obj.get(field);
        String path = path(parent, field);
        if (raw == null) {
            if (required) {
                problem(path, "is required");
            }
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            problem(path, "must be an array");
            return null;
        }
        if (list.size() < min) {
            problem(path, "must have at least " + min + " entr" + (min == 1 ? "y" : "ies"));
            return null;
        }
        if (list.size() > max) {
            problem(path, "must have at most " + max + " entries");
            return null;
        }
        return list;
    }
}
