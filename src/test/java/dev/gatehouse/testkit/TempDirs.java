package dev.gatehouse.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temporary folders for rigs that are built outside JUnit's {@code @TempDir} (static helpers,
 * shared gateways). Each is removed with its contents when the test JVM exits, so a test run
 * leaves nothing behind in the system's temporary folder; a gateway may still hold files open
 * until then, which is why the removal waits for the JVM's end.
 */
public final class TempDirs {

    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempDirs::deleteAll, "temp-dirs-cleanup"));
    }

    private TempDirs() {
    }

    /** A new empty folder under the system's temporary folder, removed when the JVM exits. */
    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            CREATED.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteAll() {
        for (Path dir : CREATED) {
            try (Stream<Path> tree = Files.walk(dir)) {
                tree.sorted(Comparator.reverseOrder()).forEach(TempDirs::deleteQuietly);
            } catch (IOException | UncheckedIOException e) {
                // Best effort at exit: a folder that cannot be walked is left for the OS to clean.
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Best effort at exit, as above.
        }
    }
}
