package dev.launch.run;

import dev.launch.proc.ProcessTree;
import dev.launch.registry.Registry;
import dev.launch.testing.Cleanup;
import dev.launch.testing.Stack;
import dev.launch.testing.StackMain;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(Cleanup.class)
class WatchdogTest {
    private record Launched(Process process, String token, long watchdogPid, List<ProcessHandle> stack) {}

    private static Launched launch(Path stateDir, Duration grace) throws Exception {
        String token = Cleanup.token(ProcessTree.newToken());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(dev.launch.util.JvmFlags.LEAN);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                StackMain.class.getName(), stateDir.toString(), token, Long.toString(grace.toMillis())));
        Process p = Cleanup.launcher(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start(), stateDir);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        long watchdog = -1;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY watchdog=")) {
                watchdog = Long.parseLong(line.substring("READY watchdog=".length()));
                break;
            }
        }
        assertTrue(watchdog > 0, "the stand-in launcher came up");
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (java.io.IOException e) {
                // closed
            }
        });
        drain.setDaemon(true);
        drain.start();
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> ProcessTree.byToken(token).size() >= 6));
        return new Launched(p, token, watchdog, ProcessTree.byToken(token));
    }

    @Test
    void aSigkilledLauncherLeavesNothingBehindWithinFiveSeconds(@TempDir Path state, TestReporter reporter) throws Exception {
        Launched l = launch(state, Duration.ofSeconds(5));
        assertTrue(Files.exists(state.resolve("instances/test-1.json")));
        long t0 = System.nanoTime();
        l.process().toHandle().destroyForcibly();
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> l.stack().stream().noneMatch(ProcessTree::running)
                && ProcessTree.byToken(l.token()).isEmpty()), "still running: " + ProcessTree.byToken(l.token()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        reporter.publishEntry("SIGKILL of launcher to all " + l.stack().size() + " processes gone (one ignores SIGTERM), ms", Long.toString(ms));
        assertTrue(Stack.eventually(Duration.ofSeconds(3), () -> ProcessHandle.of(l.watchdogPid()).map(h -> !ProcessTree.running(h)).orElse(true)),
                "the watchdog exits when done");
        assertFalse(Files.exists(state.resolve("instances/test-1.json")), "registry entry removed");
        assertTrue(new Registry(state, null).deadEntries().isEmpty(), "no dead entry left");
    }

    @Test
    void aSigtermedLauncherTearsDownItselfAndItsWatchdogLeavesQuietly(@TempDir Path state, TestReporter reporter) throws Exception {
        Launched l = launch(state, Duration.ofSeconds(1));
        long t0 = System.nanoTime();
        l.process().destroy();
        assertTrue(l.process().waitFor(10, TimeUnit.SECONDS));
        reporter.publishEntry("SIGTERM of launcher to exit (grace 1s, a SIGTERM-ignoring child), ms",
                Long.toString((System.nanoTime() - t0) / 1_000_000));
        assertTrue(l.stack().stream().noneMatch(ProcessTree::running));
        assertTrue(ProcessTree.byToken(l.token()).isEmpty());
        assertFalse(Files.exists(state.resolve("instances/test-1.json")));
        assertTrue(Stack.eventually(Duration.ofSeconds(3), () -> ProcessHandle.of(l.watchdogPid()).map(h -> !ProcessTree.running(h)).orElse(true)));
        assertEquals(143, l.process().exitValue(), "the JVM's own exit status for SIGTERM");
    }
}
