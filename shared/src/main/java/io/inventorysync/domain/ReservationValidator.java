package io.inventorysync.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Validates a reservation request of contract v1 given as a parsed JSON tree. */
public final class ReservationValidator {
    public static final int MIN_TTL_SECONDS = 60;
    public static final int MAX_TTL_SECONDS = 86_400;
    public static final int DEFAULT_TTL_SECONDS = 900;
    /**
     * Lines per hold. Settling a hold is one DynamoDB transaction of the hold item plus a stock
     * update and a ledger entry per line: 1 + 2 x 49 stays within the 100-item limit.
     */
    public static final int MAX_LINES = 49;

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
        List<?> rawLines = f.array(obj, "", "lines", 1, MAX_LINES);
        List<ReservationLine> lines = new ArrayList<>();
        if (rawLines != null) {
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
        }
        if (!problems.isEmpty()) {
            return new Validated.Invalid<>(problems);
        }
        int ttlSeconds = ttl == null ? DEFAULT_TTL_SECONDS : ttl.intValue();
        return new Validated.Valid<>(new ReservationRequest(reservationId, sourceId, locationId, ttlSeconds, lines));
    }
}
