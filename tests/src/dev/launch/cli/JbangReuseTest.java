package dev.launch.cli;

import dev.launch.testing.JbangCache;
import dev.launch.testing.JbangProject;
import dev.launch.testing.JbangProject.Run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./jbang's reuse step with and without a JBang on PATH: a run with nothing changed starts no
 * JBang, an edit in a sub-package or a new file a //SOURCES glob picks up is built and run. The
 * JBang on PATH is the very jar ./jbang bootstraps, behind a launcher that keeps JBang's exit-255
 * protocol (as the real one does) and notes each start in a log.
 */
class JbangReuseTest {
    private static final Map<Path, JbangProject> copies = new java.util.concurrent.ConcurrentHashMap<>();

    @TempDir
    static Path work;

    static Path jbangCache;

    @BeforeAll
    static void findJbang(@TempDir Path bootstrap) {
        jbangCache = JbangCache.bootstrappedOr(bootstrap.resolve("jbang"));
    }

    @Test
    void throughAnInstalledJbangNothingChangedStartsNoJbangAndEditsAreRun() throws Exception {
        Path project = copyProject("installed");
        Path bin = Files.createDirectories(work.resolve("installed-bin"));
        Path log = work.resolve("installed-jbang.log");
        JbangProject.installedJbang(bin.resolve("jbang"), log, jbangCache);
        String path = bin + File.pathSeparator + JbangProject.pathWithoutJbang();
        Map<String, String> env = Map.of("PATH", path);
        if (!Files.isRegularFile(jbangCache.resolve(".complete"))) {
            // fill the cache the fake launcher runs from, through ./jbang's own bootstrap
            assertEquals(0, jbang(project, Map.of("PATH", JbangProject.pathWithoutJbang()), "launch.java", "--version").exit());
        }

        assertVersion(jbang(project, env, "launch.java", "--version"), "launch " + Version.VERSION + " ");
        Files.deleteIfExists(log);
        assertVersion(jbang(project, env, "launch.java", "--version"), "launch " + Version.VERSION + " ");
        assertFalse(Files.exists(log), "a run with nothing changed started JBang: " + (Files.exists(log) ? Files.readString(log) : ""));

        editVersion(project, "9.9.1-installed");
        assertVersion(jbang(project, env, "launch.java", "--version"), "launch 9.9.1-installed ");
        assertTrue(Files.readString(log).contains("launch.java"), "the edit went through the installed JBang");
        Files.delete(log);
        assertVersion(jbang(project, env, "launch.java", "--version"), "launch 9.9.1-installed ");
        assertFalse(Files.exists(log), "the edited build is reused");

        addPackage(project);
        Run r = jbang(project, env, "launch.java", "--version");
        assertVersion(r, "launch 9.9.1-installed ");
        assertTrue(Files.exists(log), "a new file in lib/ is compiled by JBang, so it is a miss");
    }

    @Test
    void withoutJbangOnPathNothingChangedStartsNoJbangAndEditsAreRun() throws Exception {
        Path project = copyProject("fetched");
        Path logs = Files.createDirectories(work.resolve("fetched-jvms"));
        // Every JVM that JBang starts, its own and the app's, leaves a log file named for its pid.
        Map<String, String> env = Map.of("PATH", JbangProject.pathWithoutJbang(), "JBANG_JAVA_OPTIONS", "-Xlog:os=info:file=" + logs + "/jvm-%p.log");
        assertVersion(jbang(project, env, "launch.java", "--version"), "launch " + Version.VERSION + " ");
        assertEquals(1, jvmsStarted(logs, () -> jbang(project, env, "launch.java", "--version"), "launch " + Version.VERSION + " "),
                "a run with nothing changed starts the app's JVM only");

        editVersion(project, "9.9.2-fetched");
        assertTrue(jvmsStarted(logs, () -> jbang(project, env, "launch.java", "--version"), "launch 9.9.2-fetched ") >= 2,
                "the edit went through JBang");
        assertEquals(1, jvmsStarted(logs, () -> jbang(project, env, "launch.java", "--version"), "launch 9.9.2-fetched "),
                "the edited build is reused");
    }

    @Test
    void pendingFilesOfGoneWritersAreClearedAndAFinishedArchiveIsPutInPlace() throws Exception {
        Path project = copyProject("pending");
        Path fast = Files.createDirectories(work.resolve("fast"));
        String record = project.toRealPath().resolve("lib/launch.java").toString().replace('/', '%') + ".cmd";
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        long alive = ProcessHandle.current().pid();
        Path unfilled = Files.writeString(fast.resolve("%elsewhere%Other.java.cmd.tmp." + dead), "1\n");
        Path beingFilled = Files.writeString(fast.resolve("%elsewhere%Other.java.cmd.tmp." + alive), "1\n");
        Map<String, String> env = Map.of("PATH", JbangProject.pathWithoutJbang());

        assertVersion(jbang(project, env, "launch.java", "--version"), "launch " + Version.VERSION + " ");
        assertFalse(Files.exists(unfilled), "a pending record whose process is gone was kept");
        assertTrue(Files.exists(beingFilled), "a pending record of a live process was dropped");
        assertTrue(Files.isRegularFile(fast.resolve(record)), "no record for " + record);

        // The first reuse writes the archive as it exits; the next puts it in place. A half-written
        // one left by a writer that is gone (a run killed as it exited) is dropped by the next run.
        assertVersion(jbang(project, env, "launch.java", "--version"), "launch " + Version.VERSION + " ");
        assertVersion(jbang(project, env, "launch.java", "--version"), "launch " + Version.VERSION + " ");
        assertTrue(Files.isRegularFile(fast.resolve(record.replace(".cmd", ".default.jsa"))), "no archive beside " + record);
        Path halfWritten = Files.write(fast.resolve(record.replace(".cmd", ".default.jsa.tmp." + dead)), new byte[] {0, 0, 0, 0});
        assertVersion(jbang(project, env, "launch.java", "--version"), "launch " + Version.VERSION + " ");
        try (Stream<Path> left = Files.list(fast)) {
            assertEquals(List.of(), left.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(record.replace(".cmd", ".default.jsa.tmp."))).toList(), "pending archives left");
        }
        assertFalse(Files.exists(halfWritten));
    }

    private interface Call {
        Run call() throws Exception;
    }

    private static long jvmsStarted(Path logs, Call run, String versionPrefix) throws Exception {
        try (Stream<Path> old = Files.list(logs)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        assertVersion(run.call(), versionPrefix);
        try (Stream<Path> made = Files.list(logs)) {
            return made.count();
        }
    }

    private static void assertVersion(Run r, String prefix) {
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith(prefix), r.out() + r.err());
    }

    /** Keeps the file's old time, as cp -p, tar or rsync -t would: only its checksum gives the edit away. */
    private static void editVersion(Path project, String version) throws IOException {
        Path file = project.resolve("lib/cli/Version.java");
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, Files.readString(file).replaceAll("VERSION = \"[^\"]*\"", "VERSION = \"" + version + "\""));
        Files.setLastModifiedTime(file, before);
    }

    private static void addPackage(Path project) throws IOException {
        Path dir = Files.createDirectories(project.resolve("lib/extra"));
        Files.writeString(dir.resolve("Extra.java"), "package dev.launch.extra;\n\npublic final class Extra {}\n");
    }

    private static Path copyProject(String name) throws IOException {
        JbangProject copy = JbangProject.copy(work, name, jbangCache);
        copies.put(copy.dir(), copy);
        return copy.dir();
    }

    private static Run jbang(Path project, Map<String, String> env, String... args) throws Exception {
        return copies.get(project).jbang(env, args);
    }
}
