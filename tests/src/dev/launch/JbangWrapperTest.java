package dev.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real ./jbang wrapper as a user would. Any installed jbang is taken off PATH so the
 * wrapper's own bootstrap is what runs; every JBang it fetches goes into a temp cache.
 */
class JbangWrapperTest {
    record Run(int exit, String out, String err) {}

    static final Path ROOT = Path.of(System.getenv().getOrDefault("LAUNCH_HOME", "..")).toAbsolutePath().normalize();

    /** The JBang cache of the tests that do not test the bootstrap: filled once, then shared. */
    @TempDir
    static Path sharedCache;

    @TempDir
    Path tmp;

    @Test
    void versionPrintsOneLineOnStdout() throws Exception {
        Run r = run(Map.of(), "launch.java", "--version");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("launch "), r.out());
        assertEquals(1, r.out().lines().count(), r.out());
        assertTrue(r.out().endsWith("\n"), r.out());
    }

    @Test
    void exitCodeOfTheAppPassesThrough() throws Exception {
        Run r = run(Map.of(), "launch.java", "--bogus");
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("--bogus"), r.err());
    }

    @Test
    void worksFromAnotherDirectoryAndExportsLaunchHome() throws Exception {
        Path script = tmp.resolve("home.java");
        Files.writeString(script, """
                class home {
                    public static void main(String[] args) {
                        System.out.println(System.getenv("LAUNCH_HOME"));
                        System.out.println(args.length + ":" + String.join("|", args));
                    }
                }
                """);
        Run r = run(tmp, Map.of(), script.toString(), "a b", "", "$HOME", "it's");
        assertEquals(0, r.exit(), r.err());
        assertEquals(ROOT + "\n4:a b||$HOME|it's\n", r.out());
    }

    @Test
    void twoColdBootstrapsAtOnceBothSucceed() throws Exception {
        Path cache = tmp.resolve("cache").resolve("jbang");
        Map<String, String> env = Map.of("LAUNCH_JBANG_CACHE", cache.toString());
        Started a = start(ROOT, env, "launch.java", "--version");
        Started b = start(ROOT, env, "launch.java", "--version");
        for (Started p : List.of(a, b)) {
            Run r = finish(p);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("launch "), r.out());
            assertTrue(r.err().contains("fetching JBang"), r.err());
        }
        assertTrue(Files.isRegularFile(cache.resolve(".complete")));
        try (Stream<Path> siblings = Files.list(cache.getParent())) {
            assertEquals(List.of("jbang"), siblings.map(p -> p.getFileName().toString()).collect(Collectors.toList()),
                    "temp copies are cleaned up");
        }
    }

    @Test
    void cacheWithoutMarkerIsRebuiltNotUsed() throws Exception {
        Path cache = tmp.resolve("cache");
        Files.createDirectories(cache.resolve("lib"));
        Files.writeString(cache.resolve("lib").resolve("half-downloaded.jar"), "not a jar");
        Run r = run(ROOT, Map.of("LAUNCH_JBANG_CACHE", cache.toString()), "launch.java", "--version");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("launch "), r.out());
        assertTrue(r.err().contains("fetching JBang"), r.err());
        assertTrue(Files.isRegularFile(cache.resolve(".complete")));
        assertFalse(Files.exists(cache.resolve("lib").resolve("half-downloaded.jar")));
    }

    /** A running ./jbang whose stdout and stderr go to files. */
    record Started(Process process, Path out, Path err) {}

    private Run run(Map<String, String> env, String... args) throws Exception {
        return run(ROOT, env, args);
    }

    private Run run(Path dir, Map<String, String> env, String... args) throws Exception {
        return finish(start(dir, env, args));
    }

    private Started start(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("jbang").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("LAUNCH_HOME");
        pb.environment().put("PATH", pathWithoutJbang(pb.environment().getOrDefault("PATH", "")));
        pb.environment().put("LAUNCH_JBANG_CACHE", sharedCache.resolve("jbang").toString());
        pb.environment().put("JBANG_CACHE_DIR", sharedCache.resolve("jbang-cache").toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return new Started(pb.start(), out, err);
    }

    private static Run finish(Started s) throws Exception {
        if (!s.process().waitFor(4, TimeUnit.MINUTES)) {
            s.process().destroyForcibly();
            throw new AssertionError("./jbang did not finish in 4 minutes");
        }
        return new Run(s.process().exitValue(), Files.readString(s.out()), Files.readString(s.err()));
    }

    /** PATH minus any directory holding a jbang: the wrapper would exec that one instead. */
    private static String pathWithoutJbang(String path) {
        return Stream.of(path.split(File.pathSeparator))
                .filter(d -> !d.isEmpty() && !Files.isExecutable(Path.of(d, "jbang")))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
