package io.inventorysync.bench;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of CloudWatch Logs a function invocation would write, counted in the benchmark without
 * changing what is written: (1) the application's log lines at the deployed level (INFO: the
 * production {@code log4j2.xml}'s root level, {@code LOG_LEVEL} unset), each encoded by the
 * production layout (ECS JSON with {@code service.name}) in a counting appender on the
 * {@code io.inventorysync} loggers (the console keeps the bench's WARN and up), and (2) the EMF
 * lines, as the EMF library's console sink prints them ({@code System.out.println}, one line per
 * flush), counted by a pass-through {@code System.out}. Only what a timed handler call writes on its
 * own thread is counted ({@link #during}): the function's logs, not the harness's.
 */
final class LogMeter {
    /** Lines and bytes (newline included) of one kind, per function. */
    static final class Tally {
        final AtomicLong lines = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        void add(long b) {
            lines.incrementAndGet();
            bytes.addAndGet(b);
        }
    }

    /** What the current thread's handler call writes: application lines and EMF lines, by function. */
    record Sink(Map<String, Tally> application, Map<String, Tally> emf) {
        Sink() {
            this(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }

        long bytes(Map<String, Tally> of) {
            return of.values().stream().mapToLong(t -> t.bytes.get()).sum();
        }

        long lines(Map<String, Tally> of) {
            return of.values().stream().mapToLong(t -> t.lines.get()).sum();
        }
    }

    private record Current(Sink sink, String function) {
    }

    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();
    private static volatile boolean installed;

    private LogMeter() {
    }

    /** Runs {@code call} counting what it logs on this thread into {@code sink} under {@code function}. */
    static <T> T during(Sink sink, String function, java.util.function.Supplier<T> call) {
        Current before = CURRENT.get();
        CURRENT.set(new Current(sink, function));
        try {
            return call.get();
        } finally {
            CURRENT.set(before);
        }
    }

    /** Installs the counting appender and the counting {@code System.out}, once. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        // The production layout (functions/src/main/resources/log4j2.xml), encoded as its Console appender would.
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder().setConfiguration(config)
                .setEventTemplateUri("classpath:EcsLayout.json")
                .setEventTemplateAdditionalFields(new JsonTemplateLayout.EventTemplateAdditionalField[]{
                        JsonTemplateLayout.EventTemplateAdditionalField.newBuilder().setKey("service.name")
                                .setValue("inventory-sync").build()})
                .build();
        AbstractAppender counting = new AbstractAppender("LogMeter", null, layout, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                Current current = CURRENT.get();
                if (current != null) {
                    current.sink().application().computeIfAbsent(current.function(), f -> new Tally())
                            .add(layout.toByteArray(event).length);
                }
            }
        };
        counting.start();
        config.addAppender(counting);
        LoggerConfig functions = new LoggerConfig("io.inventorysync", Level.INFO, false);
        var console = config.getAppenders().values().stream().filter(a -> a != counting).findFirst();
        console.ifPresent(a -> functions.addAppender(a, Level.WARN, null));
        functions.addAppender(counting, Level.INFO, null);
        config.addLogger("io.inventorysync", functions);
        context.updateLoggers();

        PrintStream out = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                Current current = CURRENT.get();
                if (current != null) {
                    current.sink().emf().computeIfAbsent(current.function(), f -> new Tally())
                            .add(line.getBytes(StandardCharsets.UTF_8).length + 1L);
                }
                super.println(line);
            }
        });
        installed = true;
    }
}
