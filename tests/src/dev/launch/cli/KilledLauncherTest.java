package dev.launch.cli;

import dev.launch.proc.ProcessTree;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.testing.Cleanup;
import dev.launch.testing.LaunchedStack;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real launcher SIGKILLed with its stack up: its watchdog, which learned the instance id on its
 * pipe (it starts before the run has one), ends the processes, gives the env file its earlier
 * content back and removes the registry entry, with no `prune` and no other launcher's help.
 */
@ExtendWith(Cleanup.class)
class KilledLauncherTest {
    private static final String ORIGINAL = "# kept\nWEB_URL=original\n";

    @TempDir
    Path dir;

    @Test
    void theWatchdogOfAKilledLauncherEndsItsStackRestoresItsEnvFileAndRemovesItsEntry() throws Exception {
        TestProject project = new TestProject(dir);
        Files.writeString(project.root.resolve("app.env"), ORIGINAL);
        LiveStack.writeProfile(project, """
                processes:
                  keep:
                    command: [sh, -c, 'sleep 1001 & exec sleep 1000']
                envFiles:
                  - path: app.env
                    values: { WEB_URL: "http://localhost:${ports.p0}" }
                """);
        LaunchedStack stack = LaunchedStack.startWith(project, "--grace", "1s");
        assertTrue(stack.awaitUp(Duration.ofSeconds(60)), stack.errText());
        String id = stack.id();
        Path entry = project.state.resolve("instances/" + id + ".json");
        Instance i = new Registry(project.state, new PrintWriter(new StringWriter())).find(id).orElseThrow();
        List<ProcessHandle> processes = new ArrayList<>(ProcessTree.byToken(i.runToken()));
        assertTrue(processes.size() >= 2, processes.toString());
        assertFalse(Files.readString(project.root.resolve("app.env")).equals(ORIGINAL), "the run wrote its values");

        stack.process.destroyForcibly(); // SIGKILL: no teardown of its own
        assertTrue(stack.process.waitFor(5, TimeUnit.SECONDS));

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Registry registry = new Registry(project.state, new PrintWriter(new StringWriter()));
        // The watchdog's registry session may first move the entry aside as dead, then delete it.
        while (System.nanoTime() < deadline && (Files.exists(entry) || processes.stream().anyMatch(ProcessTree::running)
                || !Files.readString(project.root.resolve("app.env")).equals(ORIGINAL) || !registry.deadEntries().isEmpty())) {
            Thread.sleep(50);
        }
        assertTrue(processes.stream().noneMatch(ProcessTree::running),
                "left running: " + processes.stream().filter(ProcessTree::running).map(ProcessHandle::pid).toList());
        assertEquals(ORIGINAL, Files.readString(project.root.resolve("app.env")), "the env file has its earlier content back");
        assertFalse(Files.exists(entry), "the entry is gone");
        assertEquals(List.of(), registry.deadEntries(),
                "nothing left for `prune` either");
    }
}
