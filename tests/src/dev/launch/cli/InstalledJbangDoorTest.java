package dev.launch.cli;

import dev.launch.run.Signals;
import dev.launch.testing.Cleanup;
import dev.launch.testing.JbangCache;
import dev.launch.testing.JbangProject;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * `jbang launch.java` through an installed JBang: JBang builds and starts only the door (the
 * launch.java at the project root), which runs the app through ./jbang; once the app has recorded
 * its command, JBang is asked for the door alone. The door stays until the app exits, exits with
 * its status, passes SIGTERM on, and a signal to the door's whole process group stops the stack
 * once (not twice: the second would kill everything at once); killed outright, the app notices.
 */
@ExtendWith(Cleanup.class)
class InstalledJbangDoorTest {
    @TempDir
    static Path work;

    static Path jbangCache;
    static JbangProject project;
    static Path log;
    static Map<String, String> env;

    @BeforeAll
    static void installJbang(@TempDir Path bootstrap) throws Exception {
        jbangCache = JbangCache.bootstrappedOr(bootstrap.resolve("jbang"));
        project = JbangProject.copy(work, "project", jbangCache);
        Path bin = Files.createDirectories(work.resolve("bin"));
        log = work.resolve("installed-jbang.log");
        JbangProject.installedJbang(bin.resolve("jbang"), log, jbangCache);
        env = Map.of("PATH", bin + File.pathSeparator + JbangProject.pathWithoutJbang());
        if (!Files.isRegularFile(jbangCache.resolve(".complete"))) {
            assertEquals(0, project.jbang(Map.of("PATH", JbangProject.pathWithoutJbang()), "--version").exit());
        }
    }

    @Test
    void jbangBuildsTheAppOnceThenOnlyTheDoorAndAnEditIsBuiltAgain() throws Exception {
        JbangProject.Run first = installed(project.dir(), env, "launch.java", "--version");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("launch " + Version.VERSION + " "), first.out());
        assertTrue(Files.readString(log).contains("lib/launch.java"), "the app was built by the installed JBang: " + Files.readString(log));

        Files.delete(log);
        JbangProject.Run warm = installed(project.dir(), env, "launch.java", "--version");
        assertTrue(warm.out().startsWith("launch " + Version.VERSION + " "), warm.out());
        assertEquals(List.of("launch.java --version"), Files.readAllLines(log), "JBang was asked for the door only");

        Path version = project.dir().resolve("lib/cli/Version.java");
        Files.writeString(version, Files.readString(version).replaceFirst("VERSION = \"[^\"]*\"", "VERSION = \"9.9.3-door\""));
        JbangProject.Run edited = installed(project.dir(), env, "launch.java", "--version");
        assertTrue(edited.out().startsWith("launch 9.9.3-door "), edited.out() + edited.err());
        Files.writeString(version, Files.readString(version).replace("9.9.3-door", Version.VERSION));
    }

    @Test
    void theAppsExitStatusAndErrorsComeThrough() throws Exception {
        JbangProject.Run r = installed(project.dir(), env, "launch.java", "--bogus");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown option \"--bogus\""), r.err());
        assertEquals("", r.out());
    }

    @Test
    void outsideTheProjectItSaysWhereToRunIt() throws Exception {
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        JbangProject.Run r = installed(elsewhere, env, project.dir().resolve("launch.java").toString(), "--version");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("cannot find the project"), r.err());
        JbangProject.Run given = installed(elsewhere, withEnv("LAUNCH_HOME", project.dir().toString()),
                project.dir().resolve("launch.java").toString(), "--version");
        assertTrue(given.out().startsWith("launch " + Version.VERSION + " "), given.out() + given.err());
    }

    @Test
    void sigtermToTheDoorStopsTheStackCalmlyAndItsStatusComesBack() throws Exception {
        Stack stack = Stack.start("term", List.of());
        signal("TERM", Long.toString(stack.door.pid()));
        assertEquals(143, stack.exit());
        assertTrue(stack.output().contains("calm exit"), stack.output());
        assertFalse(stack.output().contains("killing everything"), stack.output());
        stack.assertAllGone();
    }

    @Test
    void sigtermToTheDoorsWholeProcessGroupStopsTheStackOnceNotTwice() throws Exception {
        assumeTrue(onPath("setsid"), "setsid(1) to give the door a process group of its own");
        Stack stack = Stack.start("group", List.of("setsid"));
        signal("TERM", "-" + stack.door.pid());
        assertEquals(143, stack.exit());
        assertTrue(stack.output().contains("calm exit"), stack.output());
        assertFalse(stack.output().contains("killing everything"), "the door's echo counted as a second SIGTERM:\n" + stack.output());
        stack.assertAllGone();
    }

    @Test
    void aDoorKilledOutrightLeavesTheAppToStopTheStack() throws Exception {
        Stack stack = Stack.start("kill", List.of());
        long app = stack.door.toHandle().children().findFirst().orElseThrow().pid();
        signal("KILL", Long.toString(stack.door.pid()));
        stack.door.waitFor(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ProcessHandle.of(app).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(app).map(ProcessHandle::isAlive).orElse(false), "the app outlived its door:\n" + stack.output());
        assertTrue(stack.output().contains("is gone: stopping"), stack.output());
        stack.assertAllGone();
    }

    @Test
    void atATerminalCtrlCStopsTheStackOnceAndTheDoorWaitsForItAndASecondCtrlCKillsAtOnce() throws Exception {
        assumeTrue(onPath("script"), "script(1) to run the door at a terminal");
        TestProject test = new TestProject(Files.createDirectories(work.resolve("stack-terminal")));
        test.withChain(1, 1, false);
        test.writeProfile("app", Files.readString(test.profiles.resolve("app.yaml"))
                + "processes:\n  stubborn:\n    command: [sh, -c, 'trap \"echo ignoring TERM\" TERM; while :; do sleep 0.1; done']\n");
        StringBuilder line = new StringBuilder("exec");
        List<String> words = new ArrayList<>(List.of(work.resolve("bin/jbang").toString()));
        words.addAll(List.of(test.args("launch.java", "app", "--grace", "60s")));
        for (String w : words) {
            line.append(" '").append(w.replace("'", "'\\''")).append('\'');
        }
        Path out = test.root.resolve("out.txt");
        Process terminal = project.builder(env, List.of("script", "-q", "-e", "-c", line.toString(), "/dev/null"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Cleanup.launcher(terminal, test.state);
        var keys = terminal.getOutputStream();
        assertTrue(eventually(() -> Files.readString(out).contains(" is up in "), terminal), Files.readString(out));

        keys.write(3);  // Ctrl-C: the terminal signals its foreground process group, the door and the app
        keys.flush();
        assertTrue(eventually(() -> Files.readString(out).contains("ignoring TERM"), terminal), Files.readString(out));
        Thread.sleep(2 * Signals.ECHO_MS);
        assertTrue(terminal.isAlive(), "the door left before the app had stopped:\n" + Files.readString(out));
        assertFalse(Files.readString(out).contains("killing everything"), "one Ctrl-C counted twice:\n" + Files.readString(out));

        keys.write(3);
        keys.flush();
        assertTrue(terminal.waitFor(20, TimeUnit.SECONDS), "a second Ctrl-C did not end it:\n" + Files.readString(out));
        assertEquals(130, terminal.exitValue(), Files.readString(out));
        assertTrue(Files.readString(out).contains("killing everything left now"), Files.readString(out));
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static boolean eventually(Check check, Process alive) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && alive.isAlive()) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return check.holds();
    }

    /** A stack run through the door: one process that writes its pid and exits calmly on SIGTERM. */
    private record Stack(Process door, Path out, Path pidFile) {
        static Stack start(String name, List<String> prefix) throws Exception {
            TestProject test = new TestProject(Files.createDirectories(work.resolve("stack-" + name)));
            test.withChain(1, 1, false);
            Path pidFile = test.root.resolve("pid");
            test.writeProfile("app", Files.readString(test.profiles.resolve("app.yaml"))
                    + "processes:\n  hold:\n    command: [sh, -c, 'echo $$ > " + pidFile
                    + "; trap \"echo calm exit; exit 0\" TERM; while :; do sleep 0.1; done']\n");
            List<String> command = new ArrayList<>(prefix);
            command.add(work.resolve("bin/jbang").toString());
            command.addAll(List.of(test.args("launch.java", "app")));
            Path out = test.root.resolve("out.txt");
            Process door = project.builder(env, command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            Cleanup.launcher(door, test.state);
            Stack stack = new Stack(door, out, pidFile);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!stack.output().contains(" is up in ") || !Files.exists(pidFile)) {
                assertTrue(door.isAlive() && System.nanoTime() < deadline, "the stack did not come up:\n" + stack.output());
                Thread.sleep(50);
            }
            return stack;
        }

        String output() throws Exception {
            return Files.exists(out) ? Files.readString(out) : "";
        }

        int exit() throws Exception {
            assertTrue(door.waitFor(30, TimeUnit.SECONDS), "the door did not exit:\n" + output());
            return door.exitValue();
        }

        void assertAllGone() throws Exception {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the stack's process is still there");
        }
    }

    private static JbangProject.Run installed(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(work.resolve("bin/jbang").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = project.builder(env, command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertTrue(p.waitFor(4, TimeUnit.MINUTES), "jbang did not finish in 4 minutes");
        return new JbangProject.Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Map<String, String> withEnv(String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put(name, value);
        return all;
    }

    private static void signal(String name, String target) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, "--", target).inheritIO().start().waitFor());
    }

    private static boolean onPath(String tool) {
        return java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
