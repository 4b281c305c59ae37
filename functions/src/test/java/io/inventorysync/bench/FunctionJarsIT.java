package io.inventorysync.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.inventorysync.settings.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every function's own jar, as the stack deploys it, starts and handles one real event: for each
 * entry of {@link Settings#FUNCTION_JARS} (the stack's {@code StackSettings.functionJar} deploys
 * exactly these), a fresh JVM with only that jar (and {@link ColdStartChild}) on its class path,
 * the function's environment and the deployed {@code JAVA_TOOL_OPTIONS}, against the local
 * engines: the handler's construction, the CRaC hooks SnapStart runs (beforeCheckpoint, then
 * afterRestore: the priming), then one event, whose reply must be a success. The unit tests run
 * from classes; only this finds a class the shade plugin minimized or filtered away.
 *
 * <p>Runs in {@code mvn verify} after {@code package} (the {@code function-jars} surefire execution
 * in the integration-test phase of {@code functions/pom.xml}), never in the test phase, where the
 * jars do not exist yet or are stale.
 */
class FunctionJarsIT {
    /** Two children at a time: the build machine has two cores. */
    private static final int PARALLEL = 2;
    /** A child that has not handled its event after this long has hung. */
    private static final long CHILD_TIMEOUT_SECONDS = 120;
    /** The HTTP stacks no function jar may carry (the functions use the JDK's URL connection client). */
    private static final List<String> FORBIDDEN = List.of("io/netty/", "org/apache/http/", "org/apache/hc/",
            "software/amazon/awssdk/http/nio/netty/", "software/amazon/awssdk/http/apache/",
            "software/amazon/awssdk/http/crt/");
    /** Issue 16's target for every function's package: 15,000,000 bytes (decimal megabytes, as the README's table). */
    static final long MAX_JAR_BYTES = 15_000_000L;
    /** Logging backends other than log4j-core, and the SLF4J 1.x binding scheme: none may ship beside it. */
    private static final List<String> OTHER_LOGGING_BACKENDS = List.of("ch/qos/logback/", "org/slf4j/simple/",
            "org/slf4j/jul/", "org/slf4j/nop/", "org/slf4j/impl/", "org/slf4j/reload4j/", "org/apache/log4j/",
            "org/apache/commons/logging/", "org/tinylog/", "org/jboss/logging/", "org/pmw/tinylog/");
    /** The one log4j API provider (log4j-core, not log4j-to-slf4j) and the one SLF4J provider (into log4j). */
    private static final Map<String, List<String>> ONE_PROVIDER = Map.of(
            "META-INF/services/org.apache.logging.log4j.spi.Provider", List.of("org.apache.logging.log4j.core.impl.Log4jProvider"),
            "META-INF/services/org.slf4j.spi.SLF4JServiceProvider", List.of("org.apache.logging.slf4j.SLF4JServiceProvider"));

    private static Path jars;

    @BeforeAll
    static void jarsExist() {
        jars = Path.of(System.getProperty("function.jars.dir", "target"));
        for (String jar : new TreeMap<>(Settings.FUNCTION_JARS).values()) {
            assertTrue(Files.isRegularFile(jars.resolve(jar)), () -> jars.resolve(jar).toAbsolutePath()
                    + " does not exist: this test runs after `package` (mvn verify)");
        }
    }

    @Test
    void everyHandlerHasItsOwnJar() throws Exception {
        // A handler the stack could deploy but no jar is built for would fail only at synth time.
        Path dir = Path.of(io.inventorysync.functions.WebhookFunction.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).resolve("io/inventorysync/functions");
        List<String> handlers = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".class")
                    && !f.getFileName().toString().contains("$")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName("io.inventorysync.functions." + name, false, getClass().getClassLoader());
                if (RequestHandler.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                    handlers.add(name);
                }
            }
        }
        assertEquals(new TreeMap<>(Settings.FUNCTION_JARS).keySet().stream().toList(), handlers.stream().sorted().toList(),
                "Settings.FUNCTION_JARS names exactly the handlers");
    }

    @Test
    void noJarCarriesNettyOrApacheHttp() throws IOException {
        List<String> found = new ArrayList<>();
        for (String jar : new java.util.TreeSet<>(Settings.FUNCTION_JARS.values())) {
            try (JarFile file = new JarFile(jars.resolve(jar).toFile())) {
                file.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.endsWith(".class"))
                        .filter(n -> FORBIDDEN.stream().anyMatch(n::startsWith)).findFirst()
                        .ifPresent(n -> found.add(jar + ": " + n));
            }
        }
        assertEquals(List.of(), found, "function jars with Netty or Apache HTTP classes");
    }

    @Test
    void everyFunctionJarIsAtMost15Megabytes() throws IOException {
        List<String> over = new ArrayList<>();
        for (String jar : new java.util.TreeSet<>(Settings.FUNCTION_JARS.values())) {
            long size = Files.size(jars.resolve(jar));
            if (size > MAX_JAR_BYTES) {
                over.add(jar + ": " + String.format(java.util.Locale.ROOT, "%,d", size) + " bytes");
            }
        }
        assertEquals(List.of(), over, "function jars over " + String.format(java.util.Locale.ROOT, "%,d", MAX_JAR_BYTES)
                + " bytes (issue 16)");
    }

    @Test
    void everyJarHasOneLoggingBackend() throws IOException {
        // log4j-core writes the JSON lines; SLF4J (the SDK, EMF) is routed into it. A second backend (or a
        // log4j-to-slf4j bridge beside log4j-slf4j2-impl) would make the binding depend on class-path order.
        List<String> found = new ArrayList<>();
        for (String jar : new java.util.TreeSet<>(Settings.FUNCTION_JARS.values())) {
            try (JarFile file = new JarFile(jars.resolve(jar).toFile())) {
                if (file.getEntry("org/apache/logging/log4j/core/LoggerContext.class") == null) {
                    found.add(jar + ": no log4j-core");
                }
                file.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.endsWith(".class"))
                        .filter(n -> OTHER_LOGGING_BACKENDS.stream().anyMatch(n::startsWith)).findFirst()
                        .ifPresent(n -> found.add(jar + ": " + n));
                for (Map.Entry<String, List<String>> service : new TreeMap<>(ONE_PROVIDER).entrySet()) {
                    var entry = file.getEntry(service.getKey());
                    List<String> providers = entry == null ? List.of() : new String(file.getInputStream(entry).readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
                    if (!providers.equals(service.getValue())) {
                        found.add(jar + ": " + service.getKey() + " names " + providers);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "function jars with no or a second logging backend");
    }

    /** A class name in an SDK service's model or marshallers, as it appears in a class file's constant pool. */
    private static final java.util.regex.Pattern SDK_SHAPE = java.util.regex.Pattern.compile(
            "software/amazon/awssdk/services/[a-z0-9]+/(?:model|transform)/[A-Za-z0-9_$]+");

    @Test
    void everySdkShapeAKeptClassNamesIsInTheJar() throws IOException {
        // The shade filters cut the shapes and marshallers of operations no function calls (issue 16):
        // such an operation keeps only its *Request class (the client's verifier loads it), with no
        // *Response. Every other class, ours or the SDK's, must find every shape it names, so an SDK
        // upgrade that makes a kept shape use a cut one fails here, not in a Lambda. Only the clients
        // (one method per operation), the paginators and the cut operations' request classes may name
        // a cut shape: those methods never run. The filters are shared by every execution, so
        // functions.jar (every handler, the CLIs, all four SDK services) stands for the function jars.
        List<String> missing = new ArrayList<>();
        try (JarFile file = new JarFile(jars.resolve("functions.jar").toFile())) {
            java.util.Set<String> classes = new java.util.HashSet<>();
            file.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.endsWith(".class"))
                    .forEach(n -> classes.add(n.substring(0, n.length() - ".class".length())));
            assertTrue(classes.contains("software/amazon/awssdk/services/eventbridge/model/PutEventsResponse"),
                    "functions.jar holds every SDK service the functions call");
            java.util.Set<String> named = new java.util.TreeSet<>();
            for (String c : classes) {
                if (mayNameCutShapes(c, classes)) {
                    continue;
                }
                String pool = new String(file.getInputStream(file.getEntry(c + ".class")).readAllBytes(),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                if (!pool.contains("software/amazon/awssdk/services/")) {
                    continue;
                }
                java.util.regex.Matcher m = SDK_SHAPE.matcher(pool);
                while (m.find()) {
                    if (!classes.contains(m.group()) && named.add(m.group())) {
                        missing.add(m.group() + " (named by " + c + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "SDK shapes a kept class names that the shade filters cut (functions/pom.xml)");
    }

    private static boolean mayNameCutShapes(String c, java.util.Set<String> classes) {
        java.util.regex.Matcher service = java.util.regex.Pattern
                .compile("software/amazon/awssdk/services/[a-z0-9]+/(.+)").matcher(c);
        if (!service.matches()) {
            return false;
        }
        String rest = service.group(1);
        if (!rest.contains("/") && rest.contains("Client") || rest.startsWith("paginators/")) {
            return true;
        }
        String top = rest.split("\\$")[0];
        return top.startsWith("model/") && top.endsWith("Request")
                && !classes.contains(c.substring(0, c.length() - rest.length()) + top.substring(0, top.length() - "Request".length()) + "Response");
    }

    /**
     * The enhanced client's converter for every Java type (about 100 classes, tens of ms): no function
     * builds it, at init, priming or its first event (issue 16, sixth round: the stores read by key
     * through the low-level client). Its loading is read from each child's class-load log.
     */
    private static final String DEFAULT_CONVERTERS = "software.amazon.awssdk.enhanced.dynamodb.DefaultAttributeConverterProvider";

    @Test
    void everyFunctionJarStartsPrimesAndHandlesOneEvent_withoutTheDefaultConverterProvider() throws Exception {
        System.setProperty("bench.childTimeoutSeconds", Long.toString(CHILD_TIMEOUT_SECONDS));
        Path classLogs = Files.createTempDirectory("function-jars-classes");
        System.setProperty("bench.classLog", classLogs.toString());
        BenchEngines engines = new BenchEngines(1_000);
        // The Square pull's one event pulls one page from this fake Square (its source has pulled before).
        BenchSquare square = new BenchSquare(engines);
        Map<String, String> env = ColdStartBenchmark.childEnvironment(engines, square);
        String run = "jarsit" + Long.toString(System.currentTimeMillis(), 36);
        // The snapshot the reconciler's one event names.
        ColdStartBenchmark.receiveSnapshot(engines, "cs-" + run + "-0");
        Path childClasses = ColdStartBenchmark.childClasses();

        Map<String, Future<?>> runs = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            for (Map.Entry<String, String> e : new TreeMap<>(Settings.FUNCTION_JARS).entrySet()) {
                runs.put(e.getKey(), pool.submit(() -> ColdStartBenchmark.runChild(childClasses,
                        jars.resolve(e.getValue()), env, e.getKey(), "primed", run)));
            }
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, Future<?>> r : runs.entrySet()) {
                try {
                    r.getValue().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    String output = String.valueOf(e.getCause().getMessage());
                    System.err.println(output);
                    failures.add(r.getKey() + " (" + Settings.FUNCTION_JARS.get(r.getKey()) + "): "
                            + ColdStartBenchmark.cause(output));
                }
            }
            if (!failures.isEmpty()) {
                fail("function jars that cannot start, prime and handle one event:\n" + String.join("\n", failures));
            }
            List<String> converting = new ArrayList<>();
            for (String function : runs.keySet()) {
                Path log = classLogs.resolve(function + "-primed-" + run + ".log");
                try (var lines = Files.lines(log)) {
                    if (lines.anyMatch(l -> l.contains(" " + DEFAULT_CONVERTERS + " "))) {
                        converting.add(function);
                    }
                }
            }
            assertEquals(List.of(), converting, "functions that load " + DEFAULT_CONVERTERS + " (class-load logs in "
                    + classLogs + ")");
            // Priming pulls nothing (offline): the one page is the event's (its reply, 1 page, is checked by the child).
            assertEquals(List.of(1, 0), List.of(square.pages.get(), square.refused.get()), "pages the fake Square served, requests it refused");
        } finally {
            pool.shutdownNow();
            square.close();
            System.clearProperty("bench.classLog");
        }
        try (var logs = Files.list(classLogs)) {
            for (Path log : logs.toList()) {
                Files.delete(log);
            }
        }
        Files.delete(classLogs);
    }
}
