package io.inventorysync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The event samples of {@code events/}, the contract's fixtures. */
public final class Samples {
    private Samples() {
    }

    public static Path eventsDir() {
        String dir = System.getProperty("events.dir");
        Path path = dir != null ? Path.of(dir) : Path.of("..", "events");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("events/ not found at " + path.toAbsolutePath());
        }
        return path;
    }

    /** The inbound samples in file order: the v1 day the local cloud's demo posts. */
    public static List<Path> inbound() {
        return inbound("");
    }

    /**
     * The inbound samples of a folder under {@code inbound/v1/samples} in file order: {@code
     * stock-states} (v1.1 events, a day of their own) or {@code reservations} (route bodies).
     */
    public static List<Path> inbound(String folder) {
        try (Stream<Path> files = Files.list(eventsDir().resolve("inbound/v1/samples").resolve(folder))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
