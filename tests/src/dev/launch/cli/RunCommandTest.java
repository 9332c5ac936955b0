package dev.launch.cli;

import dev.launch.proc.ProcessTree;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.testing.Cleanup;
import dev.launch.testing.Launcher;
import dev.launch.testing.Stack;
import dev.launch.testing.TestPorts;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/** The real `launch [PROFILE]` in a separate JVM: banner, env files, registry entry, signals. */
@ExtendWith(Cleanup.class)
class RunCommandTest {
    private record Running(Process process, List<String> out, Path envFile, Path state) {}

    private Running start(Path dir, String extraProcess) throws Exception {
        return start(dir, extraProcess, 1, 0);
    }

    /** With {@code ranges} ranges in the chain, the first {@code busy} of them held by a foreign listener. */
    private Running start(Path dir, String extraProcess, int ranges, int busy) throws Exception {
        TestProject project = new TestProject(dir);
        List<Integer> all = project.withChain(ranges, 2, false);
        for (int i = 0; i < busy; i++) {
            Cleanup.close(TestPorts.listen("127.0.0.1", all.get(i)));
        }
        List<Integer> bases = all.subList(busy, all.size());
        String range = "R" + (char) ('A' + busy);
        Files.writeString(dir.resolve("app.env"), "# mine\nKEEP=1\n");
        project.writeProfile("app", Files.readString(project.profiles.resolve("app.yaml")) + """
                processes:
                  web:
                    command: [sh, -c, 'sleep 1; exec python3 -m http.server --bind 127.0.0.1 "$P0_PORT"']
                    ready: { http: "http://127.0.0.1:${ports.p0}/" }
                  worker:
                    command: [sh, -c, 'python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1])" "http://127.0.0.1:$P0_PORT/" || { echo "worker found web down"; exit 1; }; echo "worker sees $P0_PORT in $LAUNCH_INSTANCE"; sleep 300 & wait']
                    depends_on: [web]
                """ + extraProcess + """
                envFiles:
                  - path: app.env
                    values: { WEB_URL: "http://localhost:${ports.p0}" }
                """);
        ProcessBuilder pb = Launcher.processBuilder(dir, Map.of(), project.args("app", "--grace", "2s"));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = Cleanup.launcher(pb.start(), project.state);
        List<String> out = new java.util.concurrent.CopyOnWriteArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Thread t = new Thread(() -> reader.lines().forEach(out::add));
        t.setDaemon(true);
        t.start();
        assertTrue(Stack.eventually(Duration.ofSeconds(30), () -> out.stream().anyMatch(l -> l.contains(" is up in "))
                || !p.isAlive()), "banner: " + out);
        assertTrue(out.stream().anyMatch(l -> l.contains("app-1 is up in") && l.contains(range + " ports " + bases.get(0))), out.toString());
        assertTrue(Stack.eventually(Duration.ofSeconds(5),
                () -> out.stream().anyMatch(l -> l.matches("worker +\\| worker sees " + bases.get(0) + " in app-1"))), out.toString());
        return new Running(p, out, dir.resolve("app.env"), project.state);
    }

    private static List<ProcessHandle> stackOf(Path state) throws Exception {
        Instance i = Registry.read(state.resolve("instances/app-1.json"));
        assertEquals(2, i.processes().size(), i.toString());
        return ProcessTree.byToken(i.runToken());
    }

    @Test
    void runsTheProfileAndOnSigtermStopsEverythingRestoresEnvFilesAndRemovesTheEntry(@TempDir Path dir, TestReporter reporter) throws Exception {
        Running r = start(dir, "");
        assertTrue(Files.readString(r.envFile()).contains("WEB_URL=http://localhost:"));
        List<ProcessHandle> stack = stackOf(r.state());
        assertTrue(stack.size() >= 3, stack.toString());
        long t0 = System.nanoTime();
        r.process().destroy();
        assertTrue(r.process().waitFor(10, TimeUnit.SECONDS));
        reporter.publishEntry("SIGTERM to launcher exit, ms", Long.toString((System.nanoTime() - t0) / 1_000_000));
        assertTrue(stack.stream().noneMatch(ProcessTree::running));
        assertEquals("# mine\nKEEP=1\n", Files.readString(r.envFile()));
        assertFalse(Files.exists(r.state().resolve("instances/app-1.json")));
    }

    @Test
    void aSigkilledLauncherIsCleanedUpByItsWatchdogWithinFiveSeconds(@TempDir Path dir, TestReporter reporter) throws Exception {
        Running r = start(dir, "");
        List<ProcessHandle> stack = stackOf(r.state());
        long t0 = System.nanoTime();
        r.process().destroyForcibly();
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> stack.stream().noneMatch(ProcessTree::running)), stack.toString());
        reporter.publishEntry("SIGKILL of launcher to all processes gone, ms", Long.toString((System.nanoTime() - t0) / 1_000_000));
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> !Files.exists(r.state().resolve("instances/app-1.json"))));
        assertEquals("# mine\nKEEP=1\n", Files.readString(r.envFile()));
    }

    @Test
    void aFailingProcessEndsTheRunWithExitOneAndCleansUp(@TempDir Path dir) throws Exception {
        Running r = start(dir, """
                  crasher:
                    command: [sh, -c, 'sleep 1; echo "giving up"; exit 3']
                    depends_on: [web]
                """);
        assertTrue(r.process().waitFor(15, TimeUnit.SECONDS));
        assertEquals(1, r.process().exitValue());
        assertEquals("# mine\nKEEP=1\n", Files.readString(r.envFile()));
        assertFalse(Files.exists(r.state().resolve("instances/app-1.json")));
    }

    @Test
    void theBannerSaysWhyAnEarlierRangeWasSkipped(@TempDir Path dir) throws Exception {
        Running r = start(dir, "", 2, 1);
        assertTrue(r.out().stream().anyMatch(l -> l.trim().startsWith("skipped RA ")), r.out().toString());
        r.process().destroy();
        assertTrue(r.process().waitFor(10, TimeUnit.SECONDS));
    }
}
