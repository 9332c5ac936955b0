package dev.launch.cli;

import dev.launch.proc.ProcessTree;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.LiveStack;
import dev.launch.testing.Stack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C twice kills at once; a stop asked for from another shell is named in the launcher's output. */
class StoppingTest {
    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        LaunchedStack.killAll();
    }

    private static List<ProcessHandle> processes(TestProject project, String id) {
        Instance i = new Registry(project.state, new PrintWriter(new StringWriter())).find(id).orElseThrow();
        return i.processes().stream().map(p -> ProcessHandle.of(p.pid()).orElseThrow()).toList();
    }

    @Test
    void aSecondCtrlCKillsEverythingLeftWithoutWaitingForTheGrace() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = LiveStack.up(project, "--grace", "60s");
        List<ProcessHandle> children = processes(project, stack.id());

        stack.signal("INT");
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> stack.err.stream().anyMatch(l -> l.contains("press Ctrl-C again to kill everything at once"))),
                String.join("\n", stack.err));
        Thread.sleep(500);
        assertTrue(stack.process.isAlive(), "the stubborn process holds the calm teardown up for its 60s grace");
        long t0 = System.nanoTime();
        stack.signal("INT");

        assertTrue(stack.process.waitFor(10, TimeUnit.SECONDS), String.join("\n", stack.err));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 5000, "second Ctrl-C to exit: " + ms + " ms");
        assertEquals(130, stack.process.exitValue());
        assertTrue(children.stream().noneMatch(ProcessTree::running), children.toString());
    }

    @Test
    void stopFromAnotherShellIsNamedBeforeTheTeardownAndExits143() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = LiveStack.up(project);
        Process stop = Launcher.processBuilder(project.root, java.util.Map.of(), project.args("stop", stack.id())).start();

        assertTrue(stop.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, stop.exitValue());
        assertTrue(stack.process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(143, stack.process.exitValue());
        String named = "launch: stop requested by launch stop (pid " + stop.pid() + ")";
        int at = stack.err.indexOf(named);
        assertTrue(at >= 0, String.join("\n", stack.err));
        assertTrue(stack.err.stream().skip(at).anyMatch(l -> l.startsWith("launch: stopping ")), String.join("\n", stack.err));
    }
}
