package io.inventorysync.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates the bodies of the reservation routes, given as parsed JSON trees: a hold (contract v1),
 * a commit's optional {@code fulfilment} and a fulfilment of a deferred commitment (v1.1).
 */
public final class ReservationValidator {
    public static final int MIN_TTL_SECONDS = 60;
    public static final int MAX_TTL_SECONDS = 86_400;
    public static final int DEFAULT_TTL_SECONDS = 900;
    /**
     * Lines per hold, and per fulfilment. Settling a hold is one DynamoDB transaction of the hold
     * item plus a stock update and a ledger entry per line: 1 + 2 x 49 stays within the 100-item limit.
     */
    public static final int MAX_LINES = 49;
    private static final List<Fulfilment> FULFILMENTS = List.of(Fulfilment.values());

    private ReservationValidator() {
    }

    public static Validated<ReservationRequest> validate(Object raw, String sourceId) {
        List<Problem> problems = new ArrayList<>();
        RawFields f = new RawFields(problems);
        Map<String, Object> obj = f.object(raw, "(body)");
        if (obj == null) {
            return new Validated.Invalid<>(problems);
        }
        String reservationId = f.requiredId(obj, "", "reservationId");
        String locationId = f.requiredId(obj, "", "locationId");
        Long ttl = f.integer(obj, "", "ttlSeconds", false, "an integer from 60 to 86400");
        if (ttl != null && (ttl < MIN_TTL_SECONDS || ttl > MAX_TTL_SECONDS)) {
            f.problem("ttlSeconds", "must be an integer from 60 to 86400");
        }
        List<ReservationLine> lines = lines(f.array(obj, "", "lines", 1, MAX_LINES), f);
        if (!problems.isEmpty()) {
            return new Validated.Invalid<>(problems);
        }
        int ttlSeconds = ttl == null ? DEFAULT_TTL_SECONDS : ttl.intValue();
        return new Validated.Valid<>(new ReservationRequest(reservationId, sourceId, locationId, ttlSeconds, lines));
    }

    /**
     * The body of {@code POST /v1/reservations/{id}/commit}: {@code {"fulfilment": "IMMEDIATE" |
     * "DEFERRED"}}, optional. No body ({@code null}) or no member is {@link Fulfilment#IMMEDIATE}, as in v1.
     */
    public static Validated<Fulfilment> validateCommit(Object raw) {
        if (raw == null) {
            return new Validated.Valid<>(Fulfilment.IMMEDIATE);
        }
        List<Problem> problems = new ArrayList<>();
        RawFields f = new RawFields(problems);
        Map<String, Object> obj = f.object(raw, "(body)");
        if (obj == null) {
            return new Validated.Invalid<>(problems);
        }
        Object mode = obj.get("fulfilment");
        Fulfilment fulfilment = mode == null ? Fulfilment.IMMEDIATE
                : f.enumValue(mode, "fulfilment", Fulfilment.class, FULFILMENTS);
        return problems.isEmpty() ? new Validated.Valid<>(fulfilment) : new Validated.Invalid<>(problems);
    }

    /**
     * The body of {@code POST /v1/reservations/{id}/fulfil}: {@code {"fulfilmentId", "lines"?:
     * [{"sku", "quantity"}]}}. Without {@code lines} (absent or {@code null}) everything that remains is
     * fulfilled; with them, 1 to {@value #MAX_LINES} lines, one per SKU, positive quantities.
     */
    public static Validated<FulfilmentRequest> validateFulfilment(Object raw) {
        List<Problem> problems = new ArrayList<>();
        RawFields f = new RawFields(problems);
        Map<String, Object> obj = f.object(raw, "(body)");
        if (obj == null) {
            return new Validated.Invalid<>(problems);
        }
        String fulfilmentId = f.requiredId(obj, "", "fulfilmentId");
        List<?> rawLines = f.optionalArray(obj, "", "lines", 1, MAX_LINES);
        List<ReservationLine> lines = rawLines == null ? null : lines(rawLines, f);
        return problems.isEmpty() ? new Validated.Valid<>(new FulfilmentRequest(fulfilmentId, lines))
                : new Validated.Invalid<>(problems);
    }

    /** Lines of {@code sku} and positive {@code quantity}, one per SKU; {@code rawLines} may be {@code null}. */
    private static List<ReservationLine> lines(List<?> rawLines, RawFields f) {
        List<ReservationLine> lines = new ArrayList<>();
        if (rawLines == null) {
            return lines;
        }
        Map<String, Integer> firstLineOfSku = new HashMap<>();
        for (int i = 0; i < rawLines.size(); i++) {
            String linePath = "lines[" + i + "]";
            Map<String, Object> line = f.object(rawLines.get(i), linePath);
            if (line == null) {
                continue;
            }
            String sku = f.requiredId(line, linePath, "sku");
            Long q = f.integer(line, linePath, "quantity", true, "a positive integer");
            if (q != null && (q <= 0 || q > EventValidator.MAX_QUANTITY)) {
                f.problem(linePath + ".quantity", "must be a positive integer up to " + EventValidator.MAX_QUANTITY);
                q = null;
            }
            if (sku != null && firstLineOfSku.putIfAbsent(sku, i) != null) {
                f.problem(linePath + ".sku", "duplicates lines[" + firstLineOfSku.get(sku) + "].sku (" + sku + ")");
            }
            if (sku != null && q != null) {
                lines.add(new ReservationLine(sku, q));
            }
        }
        return lines;
    }
}
