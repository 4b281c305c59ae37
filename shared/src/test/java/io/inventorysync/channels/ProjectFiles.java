package io.inventorysync.channels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's {@code infra/} and {@code events/} folders, where the build says
 * (system properties {@code infra.dir}, {@code events.dir}) or next to the module otherwise.
 */
final class ProjectFiles {
    private ProjectFiles() {
    }

    static Path infraDir() {
        return dir("infra.dir", "infra");
    }

    static Path eventsDir() {
        return dir("events.dir", "events");
    }

    /**
     * The full channels example, {@code infra/channels.example.json}: the deployed
     * {@code infra/channels.json} plus an HTTPS channel (the infra tests load the deployed one).
     */
    static Path channelsJson() {
        return infraDir().resolve("channels.example.json");
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dir(String property, String name) {
        String configured = System.getProperty(property);
        Path path = configured != null ? Path.of(configured) : Path.of("..", name);
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(name + "/ not found at " + path.toAbsolutePath()
                    + " (set -D" + property + "=...)");
        }
        return path;
    }
}
