package dev.launch.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests that run ./jbang get JBang from: the user's bootstrapped copy when there is one (its
 * jars are only read; saves a Maven fetch), else {@code fallback}, which the wrapper fills. What
 * such a test writes never goes where the developer's runs read: each gives LAUNCH_FAST_CACHE (the
 * reuse step's records and archives) and JBANG_CACHE_DIR (the jars JBang builds; a test that
 * deletes its copy's jar would otherwise delete the one of every checkout with the same sources)
 * temp dirs of its own.
 */
public final class JbangCache {
    private JbangCache() {}

    public static Path bootstrappedOr(Path fallback) {
        String given = System.getenv("LAUNCH_TEST_JBANG_CACHE");  // tests/run names the developer's copy here
        if (given != null && !given.isBlank() && Files.isRegularFile(Path.of(given, ".complete"))) {
            return Path.of(given);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path user = base.resolve("launch").resolve("jbang-0.132.1");
        return Files.isRegularFile(user.resolve(".complete")) ? user : fallback;
    }
}
