package dev.launch.cli;

import dev.launch.proc.ProcessTree;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.testing.Cleanup;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.LiveStack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * `stop` waits for a launcher's own teardown only as long as the instance's grace (recorded in
 * its entry) and a little more; a launcher that is stopped (SIGSTOP) or wedged is then killed and
 * its stack ended by `stop` itself: every process gone, the env file restored, the entry gone.
 */
@ExtendWith(Cleanup.class)
class StopWedgedLauncherTest {
    private static final String ORIGINAL = "# kept\nWEB_URL=original\nOTHER=1\n";
    /** What starting the `stop` command's own JVM may take on a loaded machine, on top of grace + 5 s. */
    private static final long JVM_START_MS = 3000;

    @TempDir
    Path dir;

    @Test
    void stopEndsTheStackOfAStoppedLauncherWithinGracePlusFiveSeconds() throws Exception {
        stopsAStoppedLauncher("""
                processes:
                  keep:
                    command: [sh, -c, 'sleep 1001 & exec sleep 1000']
                """);
    }

    @Test
    void stopEndsTheStackOfAStoppedLauncherWhoseChildrenIgnoreSigterm() throws Exception {
        stopsAStoppedLauncher(LiveStack.PROCESSES);
    }

    @Test
    void aLauncherThatFinishesItsTeardownInItsGraceIsNotKilled() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = up(project, LiveStack.PROCESSES);
        Map<Long, ProcessHandle> processes = processesOf(project, stack.id());

        Launcher.Result stop = Launcher.within(Duration.ofSeconds(40), project.root, Map.of(), project.args("stop", stack.id()));

        assertEquals(0, stop.exit(), stop.err());
        assertFalse(stop.err().contains("had not finished"), stop.err());
        assertTrue(stack.process.waitFor(5, TimeUnit.SECONDS));
        assertEquals(143, stack.process.exitValue(), "the launcher ended its own stack: " + stack.errText());
        assertTrue(processes.values().stream().noneMatch(ProcessTree::running), processes.keySet().toString());
        assertEquals(ORIGINAL, Files.readString(project.root.resolve("app.env")));
    }

    private void stopsAStoppedLauncher(String processesYaml) throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = up(project, processesYaml);
        String id = stack.id();
        Map<Long, ProcessHandle> processes = processesOf(project, id);
        assertTrue(processes.size() >= 2, processes.keySet().toString());
        ProcessHandle watchdog = ProcessHandle.of(entry(project, id).watchdogPid()).orElseThrow();
        processes.put(watchdog.pid(), watchdog);
        assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(stack.process.pid())).start().waitFor());

        long t0 = System.nanoTime();
        Launcher.Result stop = Launcher.within(Duration.ofSeconds(60), project.root, Map.of(), project.args("stop", id));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(0, stop.exit(), stop.err());
        assertTrue(stop.out().contains("stopped " + id), stop.out());
        assertTrue(ms < 1000 + 5000 + JVM_START_MS, "stop took " + ms + " ms (grace 1s)");
        List<String> said = stop.err().lines().filter(l -> l.contains("had not finished its teardown")).toList();
        assertEquals(1, said.size(), stop.err());
        assertTrue(said.get(0).contains("launcher of " + id + " (pid " + stack.process.pid() + ")"), said.get(0));
        assertTrue(stack.process.waitFor(2, TimeUnit.SECONDS), "the stopped launcher was killed");
        assertTrue(processes.values().stream().noneMatch(ProcessTree::running),
                "left running: " + processes.values().stream().filter(ProcessTree::running).map(ProcessHandle::pid).toList());
        assertEquals(ORIGINAL, Files.readString(project.root.resolve("app.env")));
        assertFalse(Files.exists(project.state.resolve("instances/" + id + ".json")));
    }

    private static LaunchedStack up(TestProject project, String processesYaml) throws Exception {
        Files.writeString(project.root.resolve("app.env"), ORIGINAL);
        LiveStack.writeProfile(project, processesYaml + """
                envFiles:
                  - path: app.env
                    values: { WEB_URL: "http://localhost:${ports.p0}" }
                """);
        LaunchedStack stack = LaunchedStack.startWith(project, "--grace", "1s");
        assertTrue(stack.awaitUp(Duration.ofSeconds(60)), stack.errText());
        assertEquals(1000L, entry(project, stack.id()).grace().toMillis(), "the entry records the grace");
        return stack;
    }

    private static Instance entry(TestProject project, String id) {
        return new Registry(project.state, new PrintWriter(new StringWriter())).find(id).orElseThrow();
    }

    /** Every process of the stack: the recorded children, their descendants and whatever carries the run's token. */
    private static Map<Long, ProcessHandle> processesOf(TestProject project, String id) {
        Instance i = entry(project, id);
        Map<Long, ProcessHandle> all = new LinkedHashMap<>();
        for (Instance.ProcessInfo p : i.processes()) {
            ProcessHandle.of(p.pid()).ifPresent(h -> {
                all.put(h.pid(), h);
                h.descendants().forEach(d -> all.put(d.pid(), d));
            });
        }
        ProcessTree.byToken(i.runToken()).forEach(h -> all.put(h.pid(), h));
        return all;
    }
}
