package io.inventorysync.bench;

import io.inventorysync.domain.Movement;
import io.inventorysync.http.Json;
import io.inventorysync.movements.MovementMessage;
import io.inventorysync.settings.Settings;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Cold starts, in fresh JVMs: for each function, from the start of a JVM that has only the
 * function's own jar to the first event handled against the local engines, next to a baseline
 * measured in the same run (a handler that builds one DynamoDB client and makes one
 * {@code GetItem}); without priming (the whole cold start) and with the priming run first (the
 * CRaC hooks SnapStart runs before its snapshot: what remains after it is the local stand-in for
 * a restore); and each function's SDK floor, unprimed (the SDK clients its container builds and the
 * SDK calls its first event makes, recorded in its warm run, with nothing else: {@link ColdStartChild}'s
 * {@code Floor}), so a function's cold start is read against what its first event must cost. Warm
 * handler time per event in one more JVM per function, run first. Prints one table.
 *
 * <p>The engines run in this JVM; each function runs in a child JVM ({@link ColdStartChild}) with
 * the function's environment and the deployed {@code JAVA_TOOL_OPTIONS}. Runs are interleaved
 * (every target once per round) so that the machine's noise falls on all of them alike.
 *
 * <p>Run: {@code mvn -B -ntp -o -pl functions -am package exec:exec@coldstart -DskipTests -Dexec.skip}
 * (options {@code -Dbench.runs=10 -Dbench.warm=500}).
 */
public final class ColdStartBenchmark {
    /** The baseline (run from the smallest jar), then every function's own jar as the stack deploys it. */
    static final Map<String, String> JARS = new LinkedHashMap<>();

    static {
        JARS.put("baseline", "inventory-query.jar");
        JARS.putAll(new java.util.TreeMap<>(io.inventorysync.settings.Settings.FUNCTION_JARS));
    }

    private static final Pattern FIELD = Pattern.compile("(\\w+)=([0-9.]+)");

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run();
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        int runs = Integer.getInteger("bench.runs", 10);
        Path jars = Path.of(System.getProperty("bench.jars", "target"));
        String only = System.getProperty("bench.only", "");
        String jarSet = System.getProperty("bench.jarSet", "per-function");
        BenchEngines engines = new BenchEngines(10_000_000);
        Map<String, String> env = childEnvironment(engines);
        int warmEvents = Integer.getInteger("bench.warm", 500) + Integer.getInteger("bench.warmup", 200) + 1;
        Path childClasses = childClasses();

        List<String> selected = JARS.keySet().stream().filter(t -> only.isEmpty() || t.equals("baseline")
                || Arrays.asList(only.split(",")).contains(t)).toList();
        // -Dbench.beforeJars=DIR: each function also runs from DIR's jar of the same name ("<function>@before"),
        // interleaved in the same rounds, so a change is compared before and after in one run, with one baseline.
        List<String> targets = new ArrayList<>(selected);
        if (!System.getProperty("bench.beforeJars", "").isBlank()) {
            selected.stream().filter(t -> !t.equals("baseline")).forEach(t -> targets.add(targets.indexOf(t), t + BEFORE));
        }
        if (targets.contains("ReconcilerFunction")) {
            // The snapshots the reconciler's events name: one per cold and primed run, and the warm run's.
            for (int round = 0; round < runs; round++) {
                for (String mode : List.of("cold", "primed")) {
                    receiveSnapshot(engines, "cs-r" + round + mode + "-0");
                    receiveSnapshot(engines, "cs-r" + round + mode + "b-0");
                }
            }
            for (int i = 0; i < warmEvents; i++) {
                receiveSnapshot(engines, "cs-warm-" + i);
                receiveSnapshot(engines, "cs-warmb-" + i);
            }
        }
        // Warm handler times first (one JVM per function), so that a run cut short still has them.
        // The warm run also records the SDK clients its container built and its first event's SDK calls:
        // what the function's floor runs build and call (printed by the child on its stdout, "SDK clients=",
        // "SDK ops=").
        Map<String, Map<String, Double>> warm = new LinkedHashMap<>();
        Map<String, String> broken = new LinkedHashMap<>();
        Map<String, List<String>> floors = new LinkedHashMap<>();
        for (String target : targets) {
            try {
                Map<String, String> sdk = new LinkedHashMap<>();
                warm.put(target, runChild(childClasses, jar(jars, jarSet, target), env, function(target), "warm",
                        target.endsWith(BEFORE) ? "warmb" : "warm", List.of(), sdk));
                if (!target.equals("baseline") && !target.endsWith(BEFORE)) {
                    floors.put(target, List.of("-Dbench.floorClients=" + sdk.getOrDefault("clients", ""),
                            "-Dbench.floorOps=" + sdk.getOrDefault("ops", "")));
                    System.err.printf("%s: clients %s; first event's SDK calls %s%n", target, sdk.get("clients"), sdk.get("ops"));
                }
            } catch (IllegalStateException e) {
                e.printStackTrace();
                broken.put(target, cause(e.getMessage()));
            }
        }
        Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();
        // A function whose jar cannot run (a class left out of it) is reported as such, and the rest measured.
        // The floor runs (-Dbench.floor=false leaves them out) in the same rounds, from the function's own
        // jar; a floor that cannot run is reported in its column, the function's own runs go on.
        boolean floor = Boolean.parseBoolean(System.getProperty("bench.floor", "true"));
        Map<String, String> floorBroken = new LinkedHashMap<>();
        for (int round = 0; round < runs; round++) {
            for (String mode : floor ? List.of("cold", ColdStartChild.FLOOR, "primed") : List.of("cold", "primed")) {
                for (String target : targets) {
                    boolean isFloor = mode.equals(ColdStartChild.FLOOR);
                    if (broken.containsKey(target) || isFloor && (!floors.containsKey(target) || floorBroken.containsKey(target))) {
                        continue;
                    }
                    Path jar = jar(jars, jarSet, target);
                    try {
                        results.computeIfAbsent(target + "/" + mode, k -> new ArrayList<>())
                                .add(runChild(childClasses, jar, env, function(target), mode,
                                        "r" + round + mode + (target.endsWith(BEFORE) ? "b" : ""),
                                        isFloor ? floors.get(target) : List.of(), new LinkedHashMap<>()));
                    } catch (IllegalStateException e) {
                        e.printStackTrace();
                        (isFloor ? floorBroken : broken).put(target, cause(e.getMessage()));
                    }
                }
            }
            System.err.printf("round %d of %d done%n", round + 1, runs);
            // The table so far after every round: a run cut short still reports what it measured.
            table(round + 1, targets, results, warm, broken, floorBroken, jars, jarSet);
        }
    }

    /**
     * A child's process environment for every target: the engines' endpoints, the sources' secrets,
     * the reconcile queue, a Shopify source and a Shopify channel on a fake shop, the deployed
     * {@code JAVA_TOOL_OPTIONS}. Also used by {@code FunctionJarsIT}.
     */
    static Map<String, String> childEnvironment(BenchEngines engines) throws IOException {
        return childEnvironment(engines, new BenchSquare(engines));
    }

    /**
     * {@link #childEnvironment(BenchEngines)} with a Square source that pulls from {@code square} on
     * every scheduled event, and a queue of the SDK floor's own ({@code BENCH_FLOOR_QUEUE_URL}).
     */
    static Map<String, String> childEnvironment(BenchEngines engines, BenchSquare square) throws IOException {
        Map<String, String> env = engines.environment();
        env.put(ColdStartChild.FLOOR_QUEUE_URL, io.inventorysync.testing.LocalSqs.client()
                .createQueue(r -> r.queueName("coldstart-floor")).queueUrl());
        env.put("BENCH_POS_SECRET", engines.posSecret);
        env.put("BENCH_SHOP_SECRET", engines.shopSecret);
        env.put("BENCH_MOVEMENT", movementTemplate());
        env.put("BENCH_STOCK_IMAGE", stockImage(engines));
        env.put("BENCH_RECEIPT_IMAGE", receiptImage(engines));
        env.put(Settings.JAVA_TOOL_OPTIONS, Settings.FUNCTION_JVM_OPTIONS);
        // The v1.1 and vendor functions: the reconcile queue, a Shopify source, a Shopify channel on a fake shop.
        env.put(Settings.RECONCILE_QUEUE_URL, io.inventorysync.testing.LocalSqs.client()
                .createQueue(r -> r.queueName("reconcile-bench")).queueUrl());
        String shopifyKey = "shpss_bench_" + Long.toString(System.nanoTime(), 36);
        engines.stubs.secrets.put(Settings.SOURCE_SECRET_PREFIX + "shopify-bench", shopifyKey);
        new io.inventorysync.store.DynamoDbSourceRegistry(engines.dynamo, engines.table).register(
                new io.inventorysync.domain.Source("shopify-bench", Settings.SOURCE_SECRET_PREFIX + "shopify-bench", Map.of(),
                        io.inventorysync.domain.Source.UnknownSkuPolicy.PASS_THROUGH).withVendor(
                        new io.inventorysync.domain.vendor.VendorConfig.Shopify("bench.myshopify.com", "web-dc", Map.of("1", "store-1"), Map.of())));
        env.put("BENCH_SHOPIFY_SECRET", shopifyKey);
        io.inventorysync.testing.FakeShop shop = new io.inventorysync.testing.FakeShop(1_000_000, 1_000_000);
        engines.stubs.secrets.put("bench/shopify-token", io.inventorysync.testing.FakeShop.TOKEN);
        env.put(Settings.CHANNEL_NAME, "shopify-bench");
        env.put(Settings.CHANNEL_TARGET, Json.write(new io.inventorysync.domain.vendor.ShopifyTarget("bench.myshopify.com", "2026-04",
                "bench/shopify-token", io.inventorysync.testing.FakeShop.LOCATION,
                Map.of("BLU-SHIRT-M", "gid://shopify/InventoryItem/1"), shop.endpoint()).toJson()));
        return env;
    }

    private static void table(int runs, List<String> targets, Map<String, List<Map<String, Double>>> results,
                              Map<String, Map<String, Double>> warm, Map<String, String> broken,
                              Map<String, String> floorBroken, Path jars, String jarSet) throws IOException {

        System.out.printf("%nCold starts: %d fresh JVMs per function and mode (JDK %s, %d cores, load average now %.1f, JAVA_TOOL_OPTIONS=%s, jars: %s)%n",
                runs, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Settings.FUNCTION_JVM_OPTIONS, jarSet);
        System.out.println("| function | jar MB | JVM start to first event, p50 / p90 ms | vs baseline | "
                + "SDK floor: JVM start to first event, p50 / p90 ms | vs its floor | floor vs baseline | floor's classes loaded | classes loaded | "
                + "primed: restore to first event, p50 / p90 ms | vs baseline | classes loaded at the first event | init + priming p50 ms | warm p50 / p99 ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        List<Double> baseCold = column(results.get("baseline/cold"), "wallMs");
        List<Double> basePrimed = column(results.get("baseline/primed"), "firstEventMs");
        for (String target : targets) {
            if (broken.containsKey(target)) {
                System.out.printf("| %s | does not run: %s |%n", target, broken.get(target));
                continue;
            }
            List<Map<String, Double>> cold = results.get(target + "/cold");
            List<Map<String, Double>> primed = results.get(target + "/primed");
            List<Double> coldWall = column(cold, "wallMs");
            List<Double> restore = column(primed, "firstEventMs");
            List<Double> initAndPrime = primed.stream().map(r -> r.get("initMs") + r.get("primeMs")).sorted().toList();
            Path jar = jar(jars, jarSet, target);
            // The baseline's floor is the baseline itself; a floor not run (a @before jar) or broken says so.
            List<Double> floorWall = target.equals("baseline") ? baseCold
                    : results.containsKey(target + "/" + ColdStartChild.FLOOR) ? column(results.get(target + "/" + ColdStartChild.FLOOR), "wallMs") : null;
            List<Double> floorClasses = target.equals("baseline") ? column(cold, "classes")
                    : floorWall != null ? column(results.get(target + "/" + ColdStartChild.FLOOR), "classes") : null;
            String floorCells = floorWall != null ? String.format("%.0f / %.0f | %.2f× | %.2f× | %.0f", p(floorWall, 50), p(floorWall, 90),
                    p(coldWall, 50) / p(floorWall, 50), p(floorWall, 50) / p(baseCold, 50), p(floorClasses, 50))
                    : floorBroken.containsKey(target) ? "does not run: " + floorBroken.get(target) + " | – | – | –" : "– | – | – | –";
            System.out.printf("| %s | %.2f | %.0f / %.0f | %.2f× | %s | %.0f | %.0f / %.0f | %.2f× | %.0f | %.0f | %.2f / %.2f |%n",
                    target, Files.size(jar) / 1e6, p(coldWall, 50), p(coldWall, 90), p(coldWall, 50) / p(baseCold, 50), floorCells,
                    p(column(cold, "classes"), 50), p(restore, 50), p(restore, 90), p(restore, 50) / p(basePrimed, 50),
                    p(column(primed, "classesAtFirstEvent"), 50), p(initAndPrime, 50),
                    warm.get(target).get("p50Ms"), warm.get(target).get("p99Ms"));
        }
    }

    /** The label of a function run from {@code -Dbench.beforeJars}. */
    private static final String BEFORE = "@before";

    /** The function a target runs (a {@code @before} target runs the same function). */
    private static String function(String target) {
        return target.endsWith(BEFORE) ? target.substring(0, target.length() - BEFORE.length()) : target;
    }

    /** The jar a target runs from. */
    private static Path jar(Path jars, String jarSet, String target) {
        String name = jarSet.equals("one") ? "functions.jar" : JARS.get(function(target));
        return target.endsWith(BEFORE) ? Path.of(System.getProperty("bench.beforeJars")).resolve(name) : jars.resolve(name);
    }

    /** A received one-part, one-line snapshot of {@code pos-bench}, ready to reconcile. */
    static void receiveSnapshot(BenchEngines engines, String snapshotId) {
        var part = new io.inventorysync.domain.SnapshotPart(snapshotId, Instant.now().minusSeconds(60),
                io.inventorysync.domain.SnapshotPart.Measure.ON_HAND, null, io.inventorysync.domain.SnapshotPart.Mode.REPORT,
                1, 1, List.of(), List.of(new io.inventorysync.domain.SnapshotLine("RES-SKU-1", "RES-SKU-1", "web-dc", 5)));
        new io.inventorysync.store.DynamoDbSnapshots(engines.dynamo, engines.table)
                .receive("pos-bench", part, part.fingerprint(), 1, Instant.now());
    }

    /** The innermost "Caused by" line of a child's output, else its first exception or error line, else its first line. */
    static String cause(String output) {
        String found = output.lines().filter(l -> l.contains("Exception") || l.contains("Error") || l.contains("ERROR"))
                .findFirst().orElse(output.lines().findFirst().orElse(""));
        for (String line : output.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                found = line.substring("Caused by: ".length());
            }
        }
        return found.replace('|', '/');
    }

    private static List<Double> column(List<Map<String, Double>> runs, String field) {
        return runs.stream().map(r -> r.get(field)).sorted().toList();
    }

    /** The nearest-rank percentile of sorted values. */
    static double p(List<Double> sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static Map<String, Double> runChild(Path childClasses, Path jar, Map<String, String> env, String target,
                                                String mode, String run) throws IOException, InterruptedException {
        return runChild(childClasses, jar, env, target, mode, run, List.of(), new LinkedHashMap<>());
    }

    /**
     * One child JVM: its {@code RESULT} (and {@code WARM}) figures; its {@code SDK name=value} lines
     * (the warm run's recorded clients and first-event operations) into {@code sdk}. A warm run has
     * the recorder's directory ({@link #recorderClasses}) on its class path, no other run has;
     * {@code properties} are given to the child as {@code -D} options (the floor's clients and calls).
     */
    static Map<String, Double> runChild(Path childClasses, Path jar, Map<String, String> env, String target,
                                        String mode, String run, List<String> properties, Map<String, String> sdk)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dbench.warm=" + Integer.getInteger("bench.warm", 500), "-Dbench.warmup=" + Integer.getInteger("bench.warmup", 200)));
        command.addAll(properties);
        String classPath = childClasses + java.io.File.pathSeparator + jar;
        if (mode.equals("warm")) {
            classPath = recorderClasses() + java.io.File.pathSeparator + classPath;
        }
        // -Dbench.classLog=DIR: each child writes its class-load log there (the first event's classes
        // follow the line of ColdStartChild$FirstEvent).
        String classLog = System.getProperty("bench.classLog", "");
        if (!classLog.isBlank()) {
            Files.createDirectories(Path.of(classLog));
            command.add("-Xlog:class+load=info:file=" + Path.of(classLog, target + "-" + mode + "-" + run + ".log"));
        }
        command.addAll(List.of("-cp", classPath, ColdStartChild.class.getName(),
                target, mode, run));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA_") || k.startsWith("JDK_"));
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        // A child that hangs is ended (its output so far then fails the run), not waited for forever.
        java.util.concurrent.CompletableFuture.runAsync(process::destroyForcibly, java.util.concurrent.CompletableFuture
                .delayedExecutor(Long.getLong("bench.childTimeoutSeconds", 1800), java.util.concurrent.TimeUnit.SECONDS));
        Map<String, Double> result = new LinkedHashMap<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result.put("wallMs", (System.nanoTime() - start) / 1e6);
                }
                if (line.startsWith("SDK ") && line.contains("=")) {
                    sdk.put(line.substring("SDK ".length(), line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                } else if (line.startsWith("RESULT ") || line.startsWith("WARM ")) {
                    Matcher m = FIELD.matcher(line);
                    while (m.find()) {
                        result.put(m.group(1), Double.parseDouble(m.group(2)));
                    }
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || !result.containsKey("wallMs") || output.toString().contains("ERROR")
                || output.toString().contains("Exception")) {
            throw new IllegalStateException(target + " " + mode + " failed (exit " + exit + "):\n" + output);
        }
        return result;
    }

    /** {@link ColdStartChild} and its nested classes, alone in a directory: the child's class path is them and one jar. */
    static Path childClasses() throws IOException {
        Path dir = Files.createTempDirectory("coldstart-child");
        Path from = Path.of(ColdStartChild.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path pkg = Path.of(ColdStartChild.class.getPackageName().replace('.', '/'));
        Files.createDirectories(dir.resolve(pkg));
        try (var files = Files.list(from.resolve(pkg))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(ColdStartChild.class.getSimpleName())).toList()) {
                Files.copy(f, dir.resolve(pkg).resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private static Path recorderClasses;

    /**
     * A directory holding only the SDK's global-interceptor list naming {@link ColdStartChild.Recorder}
     * (whose class is in {@link #childClasses}): on a warm run's class path, every SDK client the
     * function builds records its first event's calls; the measured runs do not have it.
     */
    static synchronized Path recorderClasses() throws IOException {
        if (recorderClasses == null) {
            Path dir = Files.createTempDirectory("coldstart-recorder");
            Path list = dir.resolve(ColdStartChild.GLOBAL_INTERCEPTORS);
            Files.createDirectories(list.getParent());
            Files.writeString(list, ColdStartChild.Recorder.class.getName() + "\n");
            recorderClasses = dir;
        }
        return recorderClasses;
    }

    /** A movement message as the webhook queues it, with a placeholder for the event id. */
    private static String movementTemplate() {
        Movement m = BenchEngines.movements("{\"eventId\":\"template-event\",\"type\":\"RECEIPT\",\"occurredAt\":\""
                + Instant.now().minusSeconds(60) + "\",\"locationId\":\"store-1\",\"lines\":[{\"sku\":\"PROC-SKU\",\"quantity\":1}]}")
                .getFirst();
        return Json.write(MovementMessage.of(m)).replace("template-event", "__EVENT_ID__");
    }

    /** A stock level item as the stream's new image carries it, in the child's flat encoding. */
    private static String stockImage(BenchEngines engines) {
        return encode(engines.dynamo.getItem(r -> r.tableName(engines.table).key(Map.of(
                "PK", AttributeValue.fromS("STOCK#RES-SKU-1"), "SK", AttributeValue.fromS("LOC#web-dc")))).item());
    }

    /**
     * The ingest relay's first event: a receipt holding a one-line sale, written by the store as the
     * webhook writes it, read back as the stream's new image would carry it.
     */
    private static String receiptImage(BenchEngines engines) {
        String eventId = "cs-relay-" + Long.toString(System.nanoTime(), 36);
        var event = BenchEngines.movements("{\"eventId\":\"" + eventId + "\",\"type\":\"SALE\",\"occurredAt\":\""
                + Instant.now().minusSeconds(60) + "\",\"locationId\":\"web-dc\",\"lines\":[{\"sku\":\"RES-SKU-2\",\"quantity\":1}]}");
        io.inventorysync.domain.InventoryEvent sale = new io.inventorysync.domain.InventoryEvent(eventId,
                io.inventorysync.domain.ChangeType.SALE, event.getFirst().occurredAt(), "web-dc",
                List.of(new io.inventorysync.domain.EventLine("RES-SKU-2", 1)), null, null, null, null, null, null);
        var accepted = new io.inventorysync.store.OutboxEvent(new io.inventorysync.store.EventReceipt(
                "pos-bench", eventId, "bench", 1, Instant.now()), sale);
        engines.store.recordReceipts(List.of(accepted), "bench");
        var written = io.inventorysync.store.StreamImages.heldReceiptImage(new io.inventorysync.store.HeldEvent(accepted, "bench"));
        return encode(engines.dynamo.getItem(r -> r.tableName(engines.table).key(Map.of(
                "PK", written.get("PK"), "SK", written.get("SK")))).item());
    }

    private static String encode(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            throw new IllegalStateException("no item to hand the child");
        }
        return item.entrySet().stream().map(e -> {
            AttributeValue v = e.getValue();
            if (v.s() != null) {
                return e.getKey() + "=S:" + v.s();
            }
            if (v.n() != null) {
                return e.getKey() + "=N:" + v.n();
            }
            if (v.bool() != null) {
                return e.getKey() + "=BOOL:" + v.bool();
            }
            throw new UncheckedIOException(new IOException("item attribute of another type: " + e));
        }).collect(Collectors.joining("\n"));
    }
}
