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
    void everyFunctionJarStartsPrimesAndHandlesOneEvent() throws Exception {
        System.setProperty("bench.childTimeoutSeconds", Long.toString(CHILD_TIMEOUT_SECONDS));
        BenchEngines engines = new BenchEngines(1_000);
        Map<String, String> env = ColdStartBenchmark.childEnvironment(engines);
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
        } finally {
            pool.shutdownNow();
        }
    }
}
