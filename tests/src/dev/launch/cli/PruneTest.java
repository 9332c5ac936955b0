package dev.launch.cli;

import dev.launch.testing.Cleanup;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.launch.proc.ProcessTree;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.Stack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When both the launcher and its watchdog are SIGKILLed, `prune` ends what they left and restores env files. */
@ExtendWith(Cleanup.class)
class PruneTest {
    @TempDir
    Path dir;

    @Test
    void pruneEndsTheLeftoversOfALauncherWhoseWatchdogDiedTooAndRestoresItsEnvFile() throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 2, false);
        LaunchedStack.writeProfile(project, "");
        Files.writeString(dir.resolve("app.env"), "KEEP=1\n");
        LaunchedStack stack = LaunchedStack.start(project);
        assertTrue(stack.awaitUp(Duration.ofSeconds(60)), stack.out + "\n" + stack.err);
        Instance instance = Registry.read(project.state.resolve("instances/app-1.json"));
        List<ProcessHandle> leftovers = ProcessTree.byToken(instance.runToken());
        assertTrue(leftovers.size() >= 3, leftovers.toString());

        ProcessHandle.of(instance.watchdogPid()).orElseThrow().destroyForcibly();
        ProcessHandle.of(instance.watchdogPid()).ifPresent(h -> h.onExit().join());
        stack.process.destroyForcibly();
        stack.process.waitFor();
        Thread.sleep(300);
        assertTrue(leftovers.stream().anyMatch(ProcessTree::running), "expected leftovers before prune");
        assertTrue(Files.readString(dir.resolve("app.env")).contains("WEB_URL="));

        Launcher.Result status = project.subprocess("status", "--json");
        assertEquals("[ ]", status.out().trim(), "a dead launcher's entry is dropped by any reader");

        Launcher.Result prune = project.subprocess("prune");
        assertEquals(0, prune.exit(), prune.err());
        assertTrue(prune.out().contains("pruned app-1"), prune.out());
        assertTrue(Stack.eventually(Duration.ofSeconds(10), () -> leftovers.stream().noneMatch(ProcessTree::running)), leftovers.toString());
        assertEquals("KEEP=1\n", Files.readString(dir.resolve("app.env")));
        assertTrue(project.subprocess("prune").out().contains("0 dead entries pruned"));
    }
}
