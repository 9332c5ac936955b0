package dev.launch.cli;

import dev.launch.proc.ProcessTree;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.testing.Cleanup;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.LiveStack;
import dev.launch.testing.Stack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child that drops LAUNCH_RUN_TOKEN and double-forks a daemon into a session of its own: the
 * token scan cannot find the daemon, but on Linux each child is a subreaper, so the daemon is
 * reparented to the child, stays in its tree, and `stop` ends it.
 */
@ExtendWith(Cleanup.class)
class TokenlessDaemonTest {
    @TempDir
    Path dir;

    @Test
    void aDaemonThatDroppedTheTokenAndDoubleForkedIsEndedByStop() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "only Linux has child subreapers");
        TestProject project = new TestProject(dir);
        String marker = "3" + (System.nanoTime() % 900 + 100);
        Path daemonPid = dir.resolve("daemon.pid");
        LiveStack.writeProfile(project, """
                processes:
                  escaper:
                    command: [sh, -c, 'env -u LAUNCH_RUN_TOKEN setsid sh -c "sleep %s & echo \\$! > %s"; exec sleep 1000']
                """.formatted(marker, daemonPid));
        LaunchedStack stack = LaunchedStack.startWith(project, "--grace", "1s");
        assertTrue(stack.awaitUp(Duration.ofSeconds(60)), stack.errText());
        assertTrue(Stack.eventually(Duration.ofSeconds(10), () -> complete(daemonPid)));
        ProcessHandle daemon = ProcessHandle.of(Long.parseLong(Files.readString(daemonPid).strip())).orElseThrow();
        Cleanup.close(daemon::destroyForcibly);
        Instance entry = new Registry(project.state, null).find(stack.id()).orElseThrow();
        ProcessHandle escaper = ProcessHandle.of(entry.process("escaper").orElseThrow().pid()).orElseThrow();
        long daemonParent = daemon.parent().map(ProcessHandle::pid).orElse(0L);
        String token = entry.runToken();
        assertTrue(ProcessTree.byToken(token).stream().noneMatch(h -> h.pid() == daemon.pid()), "the daemon carries no token");

        Launcher.Result stop = Launcher.within(Duration.ofSeconds(40), project.root, Map.of(), project.args("stop", stack.id()));

        assertEquals(0, stop.exit(), stop.err());
        assertFalse(stop.err().contains("had not finished"), "the launcher's own teardown ended it: " + stop.err());
        assertTrue(stack.process.waitFor(5, TimeUnit.SECONDS));
        assertTrue(Stack.eventually(Duration.ofSeconds(2), () -> !ProcessTree.running(daemon)), "left running: sleep " + marker);
        assertFalse(ProcessTree.running(escaper));
        assertEquals(escaper.pid(), daemonParent, "the daemon was reparented to the child it escaped from, not to init");
    }

    private static boolean complete(Path file) {
        try {
            return Files.exists(file) && Files.readString(file).endsWith("\n");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
