package dev.launch.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests that run ./jbang get JBang from: the user's bootstrapped copy when there is one (its
 * jars are only read; saves a Maven fetch), else {@code fallback}, which the wrapper fills. The
 * records and archives of the reuse step never go there: each such test gives LAUNCH_FAST_CACHE a
 * temp dir of its own.
 */
public final class JbangCache {
    private JbangCache() {}

    public static Path bootstrappedOr(Path fallback) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path user = base.resolve("launch").resolve("jbang-0.132.1");
        return Files.isRegularFile(user.resolve(".complete")) ? user : fallback;
    }
}
