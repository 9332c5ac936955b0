package dev.launch.control;

import dev.launch.testing.Cleanup;

import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.LiveStack;
import dev.launch.testing.Stack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** `restart`, `stop PROCESS` and `start` from a second shell, against a real launcher. */
@ExtendWith(Cleanup.class)
class ProcessControlTest {
    @TempDir
    Path dir;

    private static Instance.ProcessInfo process(TestProject project, String id, String name) {
        Instance i = new Registry(project.state, new PrintWriter(new StringWriter())).find(id).orElseThrow();
        return i.process(name).orElseThrow();
    }

    private static long count(LaunchedStack stack, String line) {
        return stack.out.stream().filter(l -> l.equals(line)).count();
    }

    @Test
    void restartReturnsOnceTheProcessIsReadyAgainOnANewPid() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = LiveStack.up(project);
        String id = stack.id();
        long before = process(project, id, "talker").pid();

        Launcher.Result r = project.subprocess("restart", id, "talker");

        assertEquals(0, r.exit(), r.err());
        assertEquals("talker is ready again\n", r.out());
        Instance.ProcessInfo after = process(project, id, "talker");
        assertEquals("ready", after.state());
        assertEquals(1, after.restarts());
        assertTrue(after.pid() != before, "a new process");
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> stack.out.stream().filter(l -> l.startsWith("talker   | hello from talker")).count() == 2),
                String.join("\n", stack.out));
        assertTrue(stack.err.stream().anyMatch(l -> l.matches("launch: restarting talker \\(asked by launch restart \\(pid \\d+\\)\\)")),
                String.join("\n", stack.err));
        assertTrue(stack.process.isAlive());
    }

    @Test
    void stopOneProcessKeepsTheStackUpAndStartBringsItBack() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = LiveStack.up(project);
        String id = stack.id();
        long stubborn = process(project, id, "stubborn").pid();

        Launcher.Result stop = project.subprocess("stop", id, "stubborn");

        assertEquals(0, stop.exit(), stop.err());
        assertEquals("stubborn is stopped\n", stop.out());
        assertFalse(ProcessHandle.of(stubborn).map(ProcessHandle::isAlive).orElse(false), "SIGKILL after the grace ended it");
        assertEquals("stopped", process(project, id, "stubborn").state());
        Thread.sleep(1500); // a restart policy would have brought it back by now
        assertEquals("stopped", process(project, id, "stubborn").state());
        assertTrue(stack.process.isAlive());
        assertEquals("ready", process(project, id, "ticker").state());

        Launcher.Result start = project.subprocess("start", id, "stubborn");

        assertEquals(0, start.exit(), start.err());
        assertEquals("ready", process(project, id, "stubborn").state());
        assertEquals(2, count(stack, "stubborn | stubborn up"));
    }

    @Test
    void twoShellsRestartingTheSameProcessAtOnceMakeOneRestartAndBothReturn() throws Exception {
        TestProject project = new TestProject(dir);
        // slow takes a second to stop: both requests, however the two JVMs are scheduled, arrive while its restart is under way
        LiveStack.writeProfile(project, LiveStack.PROCESSES + """
                  slow:
                    command: [sh, -c, 'trap "sleep 1; exit 0" TERM; echo "hello from slow"; while :; do sleep 0.1; done']
                """);
        LaunchedStack stack = LaunchedStack.start(project);
        assertTrue(stack.awaitUp(Duration.ofSeconds(60)), String.join("\n", stack.err));
        String id = stack.id();

        Process a = Launcher.processBuilder(project.root, Map.of(), project.args("restart", id, "slow")).start();
        Process b = Launcher.processBuilder(project.root, Map.of(), project.args("restart", id, "slow")).start();

        assertTrue(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue(), new String(a.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, b.exitValue(), new String(b.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(1, process(project, id, "slow").restarts());
        assertTrue(Stack.eventually(Duration.ofSeconds(3), () -> stack.out.stream().filter(l -> l.startsWith("slow     | hello from slow")).count() == 2));
        Thread.sleep(500);
        assertEquals(2, stack.out.stream().filter(l -> l.startsWith("slow     | hello from slow")).count(), String.join("\n", stack.out));
    }

    @Test
    void anUnknownProcessIsAUsageErrorWithTheNamesAndADidYouMean() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = LiveStack.up(project);

        Launcher.Result r = project.subprocess("restart", stack.id(), "talkr");

        assertEquals(2, r.exit());
        assertEquals("launch: no process \"talkr\" in " + stack.id() + " (processes: talker, ticker, stubborn); did you mean \"talker\"?\n", r.err());
        assertEquals(1, stack.out.stream().filter(l -> l.startsWith("talker   | hello from talker")).count());
    }

    @Test
    void aProcessThatFailsToComeBackIsExitOneWithItsLastLinesAndTheStackStaysUp() throws Exception {
        TestProject project = new TestProject(dir);
        LiveStack.writeProfile(project, LiveStack.PROCESSES + """
                  flaky:
                    command: [sh, -c, 'if [ -e flaky.mark ]; then echo "cannot start: config broken"; exit 3; fi; touch flaky.mark; echo fine; exec sleep 600']
                """);
        LaunchedStack stack = LaunchedStack.start(project);
        assertTrue(stack.awaitUp(Duration.ofSeconds(60)), String.join("\n", stack.err));

        Launcher.Result r = project.subprocess("restart", stack.id(), "flaky");

        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("flaky exited with code 3"), r.err());
        assertTrue(r.err().contains("flaky | cannot start: config broken"), r.err());
        assertEquals("failed", process(project, stack.id(), "flaky").state());
        assertTrue(stack.process.isAlive(), "one process failing on request does not take the stack down");
    }
}
