package io.inventorysync.store;

import io.inventorysync.domain.SnapshotLine;
import io.inventorysync.domain.SnapshotPart;
import io.inventorysync.domain.SnapshotRules;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Snapshots on the single table: {@code SNAP#{sourceId}#{snapshotId}} holds the header ({@code SNAP}),
 * the parts ({@code PART#{nnnn}}: lines gzip-compressed, so 1,000 lines of the longest ids stay under
 * DynamoDB's 400 KB item limit) and the drift records ({@code DRIFT#{part}#{line}}: their insertion is
 * what the outbox publishes as {@code DriftDetected}).
 */
public final class DynamoDbSnapshots implements Snapshots {
    private static final String HEADER = "SNAP";

    private final DynamoDbClient dynamo;
    private final String table;
    private final TransientFailures transientFailures;

    public DynamoDbSnapshots(DynamoDbClient dynamo, String table) {
        this(dynamo, table, TransientFailures.DEFAULT);
    }

    public DynamoDbSnapshots(DynamoDbClient dynamo, String table, TransientFailures transientFailures) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.transientFailures = transientFailures;
    }

    static String partition(String sourceId, String snapshotId) {
        return "SNAP#" + sourceId + "#" + snapshotId;
    }

    static String partKey(int part) {
        return String.format("PART#%04d", part);
    }

    static String driftKey(int part, int line) {
        return String.format("DRIFT#%04d#%04d", part, line);
    }

    /** A phantom's drift record: by location index and SKU, after every line's ({@code DRIFT#{part}#{line}#{sku}}). */
    static String phantomKey(int part, int line, String sku) {
        return driftKey(part, line) + "#" + sku;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(InventoryTable.PK, s(pk), InventoryTable.SK, s(sk));
    }

    @Override
    public PartReceipt receive(String sourceId, SnapshotPart part, String fingerprint, long threshold, Instant now) {
        String pk = partition(sourceId, part.snapshotId());
        Map<String, AttributeValue> partItem = new HashMap<>(key(pk, partKey(part.part())));
        partItem.put(InventoryTable.ITEM_TYPE, s(ItemType.SNAPSHOT_PART.name()));
        partItem.put("fingerprint", s(fingerprint));
        partItem.put("lineCount", n(part.lines().size()));
        partItem.put("lines", AttributeValue.fromB(SdkBytes.fromByteArray(encodeLines(part.lines()))));
        Put putPart = Put.builder().tableName(table).item(partItem)
                .conditionExpression("attribute_not_exists(PK)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();

        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        set(sets, names, values, InventoryTable.ITEM_TYPE, s(ItemType.SNAPSHOT.name()), false);
        set(sets, names, values, "sourceId", s(sourceId), false);
        set(sets, names, values, "snapshotId", s(part.snapshotId()), false);
        set(sets, names, values, "asOf", n(part.asOf().toEpochMilli()), true);
        set(sets, names, values, "measure", s(part.measure().name()), true);
        set(sets, names, values, "mode", s(part.mode().name()), true);
        set(sets, names, values, "parts", n(part.parts()), true);
        set(sets, names, values, "threshold", n(threshold), true);
        set(sets, names, values, "status", s(SnapshotState.Status.RECEIVING.name()), true);
        set(sets, names, values, "cursorPart", n(1), true);
        set(sets, names, values, "cursorLine", n(0), true);
        set(sets, names, values, "createdAt", s(now.toString()), true);
        for (String counter : List.of("compared", "drifted", "corrected", "skipped")) {
            set(sets, names, values, counter, n(0), true);
        }
        if (part.channel() != null) {
            set(sets, names, values, "channel", s(part.channel()), true);
        }
        List<String> adds = new ArrayList<>();
        names.put("#partsReceived", "partsReceived");
        values.put(":partsReceived", AttributeValue.fromNs(List.of(Integer.toString(part.part()))));
        adds.add("#partsReceived :partsReceived");
        if (!part.completeFor().isEmpty()) {
            names.put("#completeFor", "completeFor");
            values.put(":completeFor", AttributeValue.fromSs(part.completeFor()));
            adds.add("#completeFor :completeFor");
        }
        String sameHeader = "#asOf = :asOf AND #measure = :measure AND #mode = :mode AND #parts = :parts AND "
                + (part.channel() == null ? "attribute_not_exists(#channel)" : "#channel = :channel");
        names.put("#channel", "channel");
        Update header = Update.builder().tableName(table).key(key(pk, HEADER))
                .updateExpression("SET " + String.join(", ", sets) + " ADD " + String.join(", ", adds))
                .conditionExpression("attribute_not_exists(PK) OR (" + sameHeader + ")")
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();

        boolean repeat = false;
        try {
            transientFailures.call("receive snapshot part", () -> dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(putPart).build(), TransactWriteItem.builder().update(header).build())));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            boolean partExists = failed(reasons, 0);
            boolean headerDiffers = failed(reasons, 1);
            if (!partExists && !headerDiffers) {
                throw new StoreException("receive snapshot part: cancelled for reasons not planned for", false, e);
            }
            if (partExists && !fingerprint.equals(reasons.get(0).item().get("fingerprint").s())) {
                return new PartReceipt.KeyReused();
            }
            if (headerDiffers) {
                return new PartReceipt.Mismatch(SnapshotRules.mismatches(first(reasons.get(1).item()), part));
            }
            repeat = true;
        }
        if (!repeat && part.parts() == 1) {
            // The one part of a one-part snapshot was stored just now (the header's parts matched, and
            // no part was there before): the snapshot is complete and still RECEIVING, so it moves on
            // without reading the header first.
            return new PartReceipt.Stored(startReconciling(sourceId, part.snapshotId()), false);
        }
        SnapshotState state = state(sourceId, part.snapshotId()).orElseThrow();
        if (state.status() == SnapshotState.Status.RECEIVING && state.allPartsReceived()) {
            state = startReconciling(sourceId, part.snapshotId());
        }
        return new PartReceipt.Stored(state, repeat);
    }

    /**
     * The last part is in: the snapshot moves to RECONCILING, once, whoever stored the last part.
     *
     * @return the snapshot after the move (the update's own answer), or as read when another request moved it first
     */
    private SnapshotState startReconciling(String sourceId, String snapshotId) {
        try {
            var answer = transientFailures.call("start reconciling", () -> dynamo.updateItem(r -> r.tableName(table)
                    .key(key(partition(sourceId, snapshotId), HEADER))
                    .updateExpression("SET #status = :reconciling")
                    .conditionExpression("#status = :receiving")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":reconciling", s(SnapshotState.Status.RECONCILING.name()),
                            ":receiving", s(SnapshotState.Status.RECEIVING.name())))
                    .returnValues(ReturnValue.ALL_NEW)));
            return toState(answer.attributes());
        } catch (StoreException e) {
            // Another request stored the last part at the same moment and moved it first.
            conditionFailed(e);
        }
        return state(sourceId, snapshotId).orElseThrow();
    }

    private static boolean failed(List<CancellationReason> reasons, int i) {
        return i < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(i).code());
    }

    /** The header fields every part repeats, as a part, for {@link SnapshotRules#mismatches}. */
    private static SnapshotPart first(Map<String, AttributeValue> header) {
        return new SnapshotPart(header.get("snapshotId").s(), Instant.ofEpochMilli(Long.parseLong(header.get("asOf").n())),
                SnapshotPart.Measure.valueOf(header.get("measure").s()),
                header.containsKey("channel") ? header.get("channel").s() : null,
                SnapshotPart.Mode.valueOf(header.get("mode").s()), 1, Integer.parseInt(header.get("parts").n()),
                List.of(), List.of());
    }

    @Override
    public Optional<SnapshotState> state(String sourceId, String snapshotId) {
        Map<String, AttributeValue> item = transientFailures.call("read snapshot", () -> dynamo.getItem(r -> r
                .tableName(table).key(key(partition(sourceId, snapshotId), HEADER)).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toState(item));
    }

    private static SnapshotState toState(Map<String, AttributeValue> i) {
        Set<Integer> received = new HashSet<>();
        if (i.containsKey("partsReceived")) {
            i.get("partsReceived").ns().forEach(p -> received.add(Integer.parseInt(p)));
        }
        List<String> completeFor = i.containsKey("completeFor") ? i.get("completeFor").ss().stream().sorted().toList()
                : List.of();
        List<DriftRecord> drift = i.containsKey("report") ? decodeReport(i.get("report").b().asByteArray()) : List.of();
        return new SnapshotState(i.get("sourceId").s(), i.get("snapshotId").s(),
                Instant.ofEpochMilli(num(i, "asOf")), SnapshotPart.Measure.valueOf(i.get("measure").s()),
                i.containsKey("channel") ? i.get("channel").s() : null, SnapshotPart.Mode.valueOf(i.get("mode").s()),
                (int) num(i, "parts"), received, completeFor, num(i, "threshold"),
                SnapshotState.Status.valueOf(i.get("status").s()), (int) num(i, "cursorPart"), (int) num(i, "cursorLine"),
                i.containsKey("walkAfter") ? i.get("walkAfter").s() : null, new SnapshotState.Counters(num(i, "compared"), num(i, "drifted"), num(i, "corrected"), num(i, "skipped")),
                i.containsKey("completedAt") ? Instant.parse(i.get("completedAt").s()) : null, drift);
    }

    @Override
    public List<SnapshotLine> lines(String sourceId, String snapshotId, int part) {
        Map<String, AttributeValue> item = transientFailures.call("read snapshot part", () -> dynamo.getItem(r -> r
                .tableName(table).key(key(partition(sourceId, snapshotId), partKey(part))).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            throw new StoreException("snapshot " + snapshotId + " has no part " + part, false, null);
        }
        return decodeLines(item.get("lines").b().asByteArray());
    }

    @Override
    public Optional<SnapshotState> lease(String sourceId, String snapshotId, String owner, Instant now, Instant until) {
        try {
            var answer = transientFailures.call("lease snapshot", () -> dynamo.updateItem(r -> r.tableName(table)
                    .key(key(partition(sourceId, snapshotId), HEADER))
                    .updateExpression("SET #owner = :me, #until = :until")
                    .conditionExpression("#status = :reconciling AND (attribute_not_exists(#until) OR #until < :now "
                            + "OR #owner = :me)")
                    .expressionAttributeNames(Map.of("#owner", "leaseOwner", "#until", "leaseUntil", "#status", "status"))
                    .expressionAttributeValues(Map.of(":me", s(owner), ":until", n(until.toEpochMilli()),
                            ":now", n(now.toEpochMilli()), ":reconciling", s(SnapshotState.Status.RECONCILING.name())))
                    .returnValues(ReturnValue.ALL_NEW)));
            return Optional.of(toState(answer.attributes()));
        } catch (StoreException e) {
            conditionFailed(e);
            return Optional.empty();
        }
    }

    @Override
    public Optional<SnapshotState> advance(SnapshotState from, String owner, int part, int line,
                                           SnapshotState.Counters done, Instant until) {
        return advance(from, owner, part, line, null, done, until);
    }

    @Override
    public Optional<SnapshotState> advance(SnapshotState from, String owner, int part, int line, String walkAfter,
                                           SnapshotState.Counters done, Instant until) {
        Map<String, String> names = new HashMap<>(Map.of("#cp", "cursorPart", "#cl", "cursorLine",
                "#until", "leaseUntil", "#compared", "compared", "#drifted", "drifted", "#corrected", "corrected",
                "#skipped", "skipped", "#owner", "leaseOwner", "#walk", "walkAfter"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", n(part), ":l", n(line),
                ":until", n(until.toEpochMilli()), ":c", n(done.compared()), ":d", n(done.drifted()),
                ":k", n(done.corrected()), ":s", n(done.skipped()), ":me", s(owner), ":fromPart", n(from.cursorPart()),
                ":fromLine", n(from.cursorLine())));
        String set = "SET #cp = :p, #cl = :l, #until = :until";
        String remove = "";
        if (walkAfter != null) {
            values.put(":walk", s(walkAfter));
            set += ", #walk = :walk";
        } else {
            remove = " REMOVE #walk";
        }
        String condition = "#owner = :me AND #cp = :fromPart AND #cl = :fromLine AND ";
        if (from.walkAfter() != null) {
            values.put(":fromWalk", s(from.walkAfter()));
            condition += "#walk = :fromWalk";
        } else {
            condition += "attribute_not_exists(#walk)";
        }
        String expression = set + " ADD #compared :c, #drifted :d, #corrected :k, #skipped :s" + remove;
        String guarded = condition;
        try {
            var answer = transientFailures.call("advance snapshot cursor", () -> dynamo.updateItem(r -> r.tableName(table)
                    .key(key(partition(from.sourceId(), from.snapshotId()), HEADER))
                    .updateExpression(expression)
                    .conditionExpression(guarded)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)));
            return Optional.of(toState(answer.attributes()));
        } catch (StoreException e) {
            conditionFailed(e);
            return Optional.empty();
        }
    }

    @Override
    public void release(SnapshotState state, String owner) {
        try {
            transientFailures.call("release snapshot", () -> dynamo.updateItem(r -> r.tableName(table)
                    .key(key(partition(state.sourceId(), state.snapshotId()), HEADER))
                    .updateExpression("REMOVE #owner, #until")
                    .conditionExpression("#owner = :me")
                    .expressionAttributeNames(Map.of("#owner", "leaseOwner", "#until", "leaseUntil"))
                    .expressionAttributeValues(Map.of(":me", s(owner)))));
        } catch (StoreException e) {
            conditionFailed(e);
        }
    }

    @Override
    public DriftRecord recordDrift(String sourceId, String snapshotId, DriftRecord d) {
        return record(sourceId, snapshotId, d, driftKey(d.part(), d.line()));
    }

    @Override
    public DriftRecord recordPhantom(String sourceId, String snapshotId, DriftRecord d) {
        return record(sourceId, snapshotId, d, phantomKey(d.part(), d.line(), d.sku()));
    }

    private DriftRecord record(String sourceId, String snapshotId, DriftRecord d, String sortKey) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition(sourceId, snapshotId), sortKey));
        item.put(InventoryTable.ITEM_TYPE, s(ItemType.DRIFT.name()));
        item.put("sourceId", s(sourceId));
        item.put("snapshotId", s(snapshotId));
        item.put("part", n(d.part()));
        item.put("line", n(d.line()));
        item.put("sku", s(d.sku()));
        if (d.locationId() != null) {
            item.put("locationId", s(d.locationId()));
        }
        item.put("reported", n(d.reported()));
        item.put("master", n(d.master()));
        item.put("corrected", AttributeValue.fromBool(d.corrected()));
        item.put("detail", s(d.detail()));
        try {
            transientFailures.call("record drift", () -> dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
            return d;
        } catch (StoreException e) {
            ConditionalCheckFailedException failed = conditionFailed(e);
            return failed.hasItem() && !failed.item().isEmpty() ? toDrift(failed.item()) : d;
        }
    }

    private static DriftRecord toDrift(Map<String, AttributeValue> i) {
        return new DriftRecord((int) num(i, "part"), (int) num(i, "line"), i.get("sku").s(),
                i.containsKey("locationId") ? i.get("locationId").s() : null, num(i, "reported"), num(i, "master"),
                i.get("corrected").bool(), i.containsKey("detail") ? i.get("detail").s() : null);
    }

    @Override
    public List<DriftRecord> drifts(String sourceId, String snapshotId, int part, int fromLine, int toLine) {
        List<DriftRecord> found = new ArrayList<>();
        if (fromLine >= toLine) {
            return found;
        }
        query(sourceId, snapshotId, "SK BETWEEN :from AND :to", Map.of(":from", s(driftKey(part, fromLine)),
                ":to", s(driftKey(part, toLine - 1))), null).forEachRemaining(i -> found.add(toDrift(i)));
        return found;
    }

    @Override
    public List<DriftRecord> phantoms(String sourceId, String snapshotId, int part, int line, String fromSku,
                                      String toSku) {
        List<DriftRecord> found = new ArrayList<>();
        query(sourceId, snapshotId, "SK BETWEEN :from AND :to", Map.of(":from", s(phantomKey(part, line, fromSku)),
                ":to", s(phantomKey(part, line, toSku))), null).forEachRemaining(i -> found.add(toDrift(i)));
        return found;
    }

    @Override
    public Stream<DriftRecord> allDrifts(String sourceId, String snapshotId) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(query(sourceId, snapshotId,
                "begins_with(SK, :prefix)", Map.of(":prefix", s("DRIFT#")),
                "#part, #line, sku, locationId, reported, master, corrected"), Spliterator.ORDERED), false)
                .map(DynamoDbSnapshots::toDrift);
    }

    private Iterator<Map<String, AttributeValue>> query(String sourceId, String snapshotId, String sortCondition,
                                                        Map<String, AttributeValue> sortValues, String projection) {
        return new Iterator<>() {
            private Iterator<Map<String, AttributeValue>> page = java.util.Collections.emptyIterator();
            private Map<String, AttributeValue> next;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !last) {
                    Map<String, AttributeValue> values = new HashMap<>(sortValues);
                    values.put(":pk", s(partition(sourceId, snapshotId)));
                    QueryRequest.Builder request = QueryRequest.builder().tableName(table).consistentRead(true)
                            .keyConditionExpression("PK = :pk AND " + sortCondition)
                            .expressionAttributeValues(values).exclusiveStartKey(next);
                    if (projection != null) {
                        request.projectionExpression(projection)
                                .expressionAttributeNames(Map.of("#part", "part", "#line", "line"));
                    }
                    QueryRequest built = request.build();
                    QueryResponse answer = transientFailures.call("read drift", () -> dynamo.query(built));
                    page = answer.items().iterator();
                    next = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty()
                            ? answer.lastEvaluatedKey() : null;
                    last = next == null;
                }
                return page.hasNext();
            }

            @Override
            public Map<String, AttributeValue> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }

    @Override
    public boolean finish(SnapshotState from, String owner, List<DriftRecord> top, Instant now) {
        try {
            transientFailures.call("finish snapshot", () -> dynamo.updateItem(r -> r.tableName(table)
                    .key(key(partition(from.sourceId(), from.snapshotId()), HEADER))
                    .updateExpression("SET #status = :done, #completedAt = :now, #report = :report REMOVE #owner, #until")
                    .conditionExpression("#owner = :me AND #status = :reconciling")
                    .expressionAttributeNames(Map.of("#status", "status", "#completedAt", "completedAt",
                            "#report", "report", "#owner", "leaseOwner", "#until", "leaseUntil"))
                    .expressionAttributeValues(Map.of(":done", s(SnapshotState.Status.DONE.name()),
                            ":now", s(now.toString()), ":report", AttributeValue.fromB(SdkBytes.fromByteArray(
                                    encodeReport(top))), ":me", s(owner),
                            ":reconciling", s(SnapshotState.Status.RECONCILING.name())))));
            return true;
        } catch (StoreException e) {
            conditionFailed(e);
            return false;
        }
    }

    // ------------------------------------------------------------------ encodings

    /** Lines as tab-separated text (ids cannot hold tabs or newlines), gzip-compressed. */
    static byte[] encodeLines(List<SnapshotLine> lines) {
        StringBuilder text = new StringBuilder();
        for (SnapshotLine l : lines) {
            text.append(l.sku()).append('\t').append(l.sourceSku().equals(l.sku()) ? "" : l.sourceSku()).append('\t')
                    .append(l.locationId() == null ? "" : l.locationId()).append('\t').append(l.quantity()).append('\n');
        }
        return gzip(text.toString());
    }

    static List<SnapshotLine> decodeLines(byte[] bytes) {
        List<SnapshotLine> lines = new ArrayList<>();
        for (String row : gunzip(bytes).split("\n")) {
            if (row.isEmpty()) {
                continue;
            }
            String[] f = row.split("\t", -1);
            lines.add(new SnapshotLine(f[0], f[1].isEmpty() ? f[0] : f[1], f[2].isEmpty() ? null : f[2],
                    Long.parseLong(f[3])));
        }
        return lines;
    }

    private static byte[] encodeReport(List<DriftRecord> top) {
        StringBuilder text = new StringBuilder();
        for (DriftRecord d : top) {
            text.append(d.part()).append('\t').append(d.line()).append('\t').append(d.sku()).append('\t')
                    .append(d.locationId() == null ? "" : d.locationId()).append('\t').append(d.reported()).append('\t')
                    .append(d.master()).append('\t').append(d.corrected()).append('\n');
        }
        return gzip(text.toString());
    }

    private static List<DriftRecord> decodeReport(byte[] bytes) {
        List<DriftRecord> drift = new ArrayList<>();
        for (String row : gunzip(bytes).split("\n")) {
            if (row.isEmpty()) {
                continue;
            }
            String[] f = row.split("\t", -1);
            drift.add(new DriftRecord(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], f[3].isEmpty() ? null : f[3],
                    Long.parseLong(f[4]), Long.parseLong(f[5]), Boolean.parseBoolean(f[6]), null));
        }
        return drift;
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The failed condition behind {@code e}; rethrows {@code e} when it is anything else. */
    private static ConditionalCheckFailedException conditionFailed(StoreException e) {
        if (e.getCause() instanceof ConditionalCheckFailedException failed) {
            return failed;
        }
        throw e;
    }

    private static void set(List<String> sets, Map<String, String> names, Map<String, AttributeValue> values,
                            String attribute, AttributeValue value, boolean ifNotExists) {
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, value);
        sets.add("#" + attribute + " = " + (ifNotExists ? "if_not_exists(#" + attribute + ", :" + attribute + ")"
                : ":" + attribute));
    }

    private static long num(Map<String, AttributeValue> item, String attribute) {
        AttributeValue v = item.get(attribute);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
