package dev.launch.config;

import dev.launch.testing.Launcher;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input built to overflow, to never end or to blow up: each one is a clear error (exit 2) within seconds. */
class HostileInputTest {
    @TempDir
    Path dir;

    TestProject project;
    String portsPart;

    @BeforeEach
    void setUp() throws Exception {
        project = new TestProject(dir);
        project.withChain(1, 1, false);
        portsPart = Files.readString(project.profiles.resolve("app.yaml"));
    }

    /** Exit 2, one paragraph on stderr (no stack trace, no Java class name), nothing on stdout. */
    private static void clearError(Launcher.Result r, String expected) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception") || r.err().contains("Error:"), r.err());
        assertFalse(r.err().strip().contains("\n\n"), "one paragraph: " + r.err());
    }

    private Launcher.Result sub(String... command) {
        return Launcher.within(Duration.ofSeconds(30), dir, Map.of(), project.args(command));
    }

    @Test
    void durationsOverADayAreRefusedWhereverTheyAreGiven() throws Exception {
        clearError(project.inProcess("app", "--grace", "999999999m"), "at most 24h");
        clearError(project.inProcess("ports", "app", "--lease", "25h"), "at most 24h");
        clearError(project.inProcess("stop", "app-1", "--timeout", "999999999h"), "at most 24h");
        project.writeProfile("app", portsPart + "grace: 999999999h\nprocesses:\n  a:\n    command: [sleep, '1']\n"
                + "    ready: { tcp: '${ports.p0}', timeout: 90000 }\n");
        Launcher.Result r = project.inProcess("validate");
        clearError(r, "grace: must be at most 24h (got 999999999h)");
        assertTrue(r.err().contains("processes.a.ready.timeout: must be at most 24h (got 90000)"), r.err());
    }

    @Test
    void anEmptyProcessesIsAConfigErrorAndAProfileWithoutProcessesIsNotRun() throws Exception {
        project.writeProfile("empty", portsPart + "processes:\n");
        project.writeProfile("braces", portsPart + "processes: {}\n");
        Launcher.Result r = project.inProcess("validate");
        clearError(r, "empty.yaml");
        assertTrue(r.err().contains("braces.yaml") && r.err().contains("processes: is empty"), r.err());
        Launcher.Result run = sub("app");
        clearError(run, "has no processes to run");
    }

    @Test
    void aConfigThatIsNotARegularFileOrIsHugeIsOneLineAndNoHang() throws Exception {
        Path fifo = dir.resolve("fifo.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path sparse = dir.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        Map<Path, String> cases = Map.of(fifo, "not a regular file", Path.of("/dev/zero"), "not a regular file",
                dir, "is a directory", sparse, "at most 1 MiB");
        for (var c : cases.entrySet()) {
            for (String command : new String[] {"validate", "ports"}) {
                Launcher.Result r = Launcher.within(Duration.ofSeconds(20), dir, Map.of(), "--config", c.getKey().toString(),
                        "--profiles", project.profiles.toString(), "--state-dir", project.state.toString(), command);
                clearError(r, c.getValue());
                if (command.equals("ports")) {
                    assertEquals(1, r.err().strip().lines().count(), r.err());
                }
            }
        }
        Files.delete(project.profiles.resolve("app.yaml"));
        assertEquals(0, new ProcessBuilder("mkfifo", project.profiles.resolve("app.yaml").toString()).start().waitFor());
        clearError(sub("ports", "app"), "not a regular file");
    }

    @Test
    void nestedMergeKeysTakeNoTimeAtAll() throws Exception {
        StringBuilder yaml = new StringBuilder("ranges:\n  R0: &m0 { base: 22400, count: 1 }\n");
        for (int i = 1; i <= 25; i++) {
            yaml.append("  R").append(i).append(": &m").append(i).append(" { <<: [*m").append(i - 1).append(", *m").append(i - 1).append("] }\n");
        }
        Files.writeString(project.config, yaml.toString());
        long t0 = System.nanoTime();
        Launcher.Result r = project.inProcess("ranges");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("R25"), r.out());
        assertTrue(ms < 3000, "took " + ms + " ms");
    }

    @Test
    void messagesNameNoJavaClassAndQuoteLittle() throws Exception {
        Launcher.Result passwd = Launcher.inProcess("validate", "--config", "/etc/passwd", "--profiles", project.profiles.toString(),
                "--state-dir", project.state.toString());
        assertEquals(2, passwd.exit(), passwd.err());
        assertTrue(passwd.err().lines().allMatch(l -> l.length() < 400), passwd.err());
        assertFalse(passwd.err().contains("nologin") && passwd.err().contains("/bin/bash"), "echoes the whole file: " + passwd.err());

        Path file = Files.writeString(dir.resolve("notadir"), "x");
        project.writeProfile("app", portsPart + "processes:\n  a:\n    command: [sleep, '1']\n    cwd: " + file + "\n");
        Launcher.Result run = sub("app");
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("is a file, not a directory"), run.err());

        Path unreadable = Files.createDirectories(dir.resolve("ports-dir.yaml"));
        Launcher.Result d = Launcher.inProcess("validate", "--config", unreadable.toString(), "--profiles", project.profiles.toString());
        assertFalse(d.err().contains("Exception"), d.err());
    }
}
