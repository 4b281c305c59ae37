package io.inventorysync.domain;

import io.inventorysync.domain.vendor.VendorConfig;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A source's configuration as JSON (contract v1.1, {@code PUT /v1/admin/sources/{sourceId}}):
 * {@code aliases}, {@code unknownSkus}, {@code locations}, {@code eventTypes}, {@code canReserve},
 * {@code driftThreshold}, {@code vendor} (a vendor source's mapping: {@link VendorConfig}). Reads it with every problem listed, and writes it back for
 * {@code GET} (never a secret). Each member is one entry of {@link #MEMBERS}: how it is read into
 * a draft and how it is shown; a new member (a vendor) is one more entry and one more field of the
 * draft. Members not named are ignored, as everywhere in the contract; a member left out takes its default.
 */
public final class SourceConfig {
    /** Most aliases a source may have: its item stays far below DynamoDB's 400 KB. */
    public static final int MAX_ALIASES = 1_000;
    /** Most entries of {@code locations}. */
    public static final int MAX_LOCATIONS = 200;

    private SourceConfig() {
    }

    /** The configuration being read: every member's value, defaults until read. */
    private static final class Draft {
        Map<String, String> aliases = Map.of();
        Source.UnknownSkuPolicy unknownSkus = Source.UnknownSkuPolicy.PASS_THROUGH;
        List<String> locations = Source.ALL_LOCATIONS;
        Set<ChangeType> eventTypes = Source.ALL_EVENT_TYPES;
        boolean canReserve = false;
        long driftThreshold = Source.DEFAULT_DRIFT_THRESHOLD;
        VendorConfig vendor = null;
    }

    private interface Reader {
        /** Reads {@code value} (present, not null) at {@code path} into the draft, or adds problems. */
        void read(Object value, String path, Draft draft, RawFields fields);
    }

    private interface Writer {
        Object write(Source source);
    }

    private record Member(String name, Reader reader, Writer writer) {
    }

    private static final List<Member> MEMBERS = List.of(
            new Member("aliases", SourceConfig::readAliases, s -> new java.util.TreeMap<>(s.skuAliases())),
            new Member("unknownSkus", SourceConfig::readUnknownSkus, s -> s.unknownSkus().name()),
            new Member("locations", SourceConfig::readLocations, Source::locations),
            new Member("eventTypes", SourceConfig::readEventTypes,
                    s -> s.eventTypes().stream().sorted().map(Enum::name).toList()),
            new Member("canReserve", SourceConfig::readCanReserve, Source::canReserve),
            new Member("driftThreshold", SourceConfig::readDriftThreshold, Source::driftThreshold),
            new Member("vendor", SourceConfig::readVendor, s -> s.vendor() == null ? null : s.vendor().toJson()));

    /**
     * Members a vendor configuration never holds: credentials live in Secrets Manager (the signing key
     * through {@code POST .../secrets}, a token under its {@code tokenSecretName}), never in the source's item.
     */
    private static final List<String> VENDOR_CREDENTIALS = List.of("secret", "signingSecret", "webhookSecret",
            "accessToken", "token", "apiKey", "apiSecret", "password", "signatureKey");

    /**
     * The source {@code sourceId} as {@code json} configures it, its secrets kept in {@code secretRef};
     * every problem when it is not a valid configuration.
     */
    @SuppressWarnings("unchecked")
    public static Validated<Source> read(Object json, String sourceId, String secretRef) {
        List<Problem> problems = new ArrayList<>();
        RawFields fields = new RawFields(problems);
        if (!Ids.isSourceId(sourceId)) {
            problems.add(new Problem("sourceId", "must match " + Ids.SOURCE_ID.pattern()));
        }
        if (!(json instanceof Map<?, ?> raw)) {
            problems.add(new Problem("", "must be a JSON object"));
            return new Validated.Invalid<>(problems);
        }
        Map<String, Object> obj = (Map<String, Object>) raw;
        Draft draft = new Draft();
        for (Member member : MEMBERS) {
            Object value = obj.get(member.name());
            if (value != null) {
                member.reader().read(value, member.name(), draft, fields);
            }
        }
        if (!problems.isEmpty()) {
            return new Validated.Invalid<>(problems);
        }
        return new Validated.Valid<>(new Source(sourceId, secretRef, draft.aliases, draft.unknownSkus, draft.locations,
                draft.eventTypes, draft.canReserve, draft.driftThreshold, draft.vendor));
    }

    /** The configuration of {@code source} as JSON values, with its id; never a secret nor where it is kept. */
    public static Map<String, Object> view(Source source) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sourceId", source.sourceId());
        for (Member member : MEMBERS) {
            Object value = member.writer().write(source);
            if (value != null) {
                // Left out rather than null: a source without a vendor simply has no vendor member.
                view.put(member.name(), value);
            }
        }
        return view;
    }

    private static void readAliases(Object value, String path, Draft draft, RawFields fields) {
        if (!(value instanceof Map<?, ?> map)) {
            fields.problem(path, "must be an object of the source's SKU to the canonical SKU");
            return;
        }
        if (map.size() > MAX_ALIASES) {
            fields.problem(path, "must have at most " + MAX_ALIASES + " aliases");
            return;
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String theirs = String.valueOf(k);
            String at = path + "." + theirs;
            if (!Ids.isId(theirs)) {
                fields.problem(at, "the source's SKU must match " + Ids.ID.pattern());
            } else if (!(v instanceof String ours) || !Ids.isId(ours)) {
                fields.problem(at, "must be a canonical SKU matching " + Ids.ID.pattern());
            } else {
                aliases.put(theirs, ours);
            }
        });
        draft.aliases = aliases;
    }

    private static void readUnknownSkus(Object value, String path, Draft draft, RawFields fields) {
        try {
            draft.unknownSkus = Source.UnknownSkuPolicy.valueOf(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            fields.problem(path, "must be PASS_THROUGH or REJECT");
        }
    }

    private static void readLocations(Object value, String path, Draft draft, RawFields fields) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_LOCATIONS) {
            fields.problem(path, "must be an array of 1 to " + MAX_LOCATIONS
                    + " location ids or prefixes ending in * ([\"*\"]: every location)");
            return;
        }
        List<String> locations = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            if (!(list.get(i) instanceof String entry) || entry.isEmpty()) {
                fields.problem(at, "must be a non-empty string");
                continue;
            }
            String stem = entry.endsWith(SourceScope.ANY) ? entry.substring(0, entry.length() - 1) : entry;
            if (stem.contains(SourceScope.ANY)) {
                fields.problem(at, "may have * only at its end (a prefix)");
            } else if (!stem.isEmpty() && !Ids.isId(stem)) {
                fields.problem(at, "must be a location id, or a prefix ending in *, matching " + Ids.ID.pattern());
            } else if (locations.contains(entry)) {
                fields.problem(at, "is listed twice");
            } else {
                locations.add(entry);
            }
        }
        draft.locations = locations;
    }

    private static void readEventTypes(Object value, String path, Draft draft, RawFields fields) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            fields.problem(path, "must be a non-empty array of event types");
            return;
        }
        Set<ChangeType> types = EnumSet.noneOf(ChangeType.class);
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            ChangeType type = null;
            if (list.get(i) instanceof String name) {
                try {
                    type = ChangeType.valueOf(name);
                } catch (IllegalArgumentException e) {
                    type = null;
                }
            }
            if (type == null || !type.isInbound()) {
                fields.problem(at, "must be one of " + Source.ALL_EVENT_TYPES.stream().sorted().map(Enum::name).toList());
            } else if (!types.add(type)) {
                fields.problem(at, "is listed twice");
            }
        }
        draft.eventTypes = types;
    }

    private static void readCanReserve(Object value, String path, Draft draft, RawFields fields) {
        if (value instanceof Boolean b) {
            draft.canReserve = b;
        } else {
            fields.problem(path, "must be true or false");
        }
    }

    private static void readDriftThreshold(Object value, String path, Draft draft, RawFields fields) {
        BigInteger n = value instanceof Integer || value instanceof Long || value instanceof BigInteger
                ? new BigInteger(value.toString()) : null;
        if (n == null || n.signum() < 0 || n.bitLength() > 31) {
            fields.problem(path, "must be an integer from 0 to " + Integer.MAX_VALUE);
            return;
        }
        draft.driftThreshold = n.longValueExact();
    }

    private static void readVendor(Object value, String path, Draft draft, RawFields fields) {
        if (value instanceof Map<?, ?> map) {
            for (String credential : VENDOR_CREDENTIALS) {
                if (map.containsKey(credential)) {
                    fields.problem(path + "." + credential, "is not allowed: credentials are never written in a "
                            + "configuration (the signing key goes to POST /v1/admin/sources/{sourceId}/secrets, "
                            + "a token to Secrets Manager under tokenSecretName)");
                }
            }
        }
        switch (VendorConfig.parse(value, path)) {
            case Validated.Valid<VendorConfig> valid -> draft.vendor = valid.value();
            case Validated.Invalid<VendorConfig> invalid -> invalid.problems()
                    .forEach(p -> fields.problem(p.path(), p.message()));
        }
    }
}
