package dev.launch.cli;

import dev.launch.testing.Cleanup;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.launch.proc.ProcessTree;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP to a real launcher whose stack has a child that ignores
 * SIGTERM and a child with a grandchild: everything is gone after the grace, the env file has
 * its earlier content, the registry entry is removed, and the exit code says which signal.
 */
@ExtendWith(Cleanup.class)
class SignalTeardownTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143", "HUP, 129"})
    void aSignalStopsEveryProcessAndGrandchildAndRestoresEverything(String signal, int exitCode) throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 2, false);
        LaunchedStack.writeProfile(project, """
                  stubborn:
                    command: [sh, -c, 'trap "" TERM; echo stubborn up; while true; do sleep 0.2; done']
                    ready: { log: "stubborn up" }
                """);
        Files.writeString(dir.resolve("app.env"), "KEEP=1\n");
        LaunchedStack stack = LaunchedStack.start(project);
        assertTrue(stack.awaitUp(Duration.ofSeconds(60)), stack.out + "\n" + stack.err);
        Instance instance = Registry.read(project.state.resolve("instances/app-1.json"));
        List<ProcessHandle> before = ProcessTree.byToken(instance.runToken());
        assertTrue(before.size() >= 4, before.toString()); // web, api + its sleep, stubborn (+ its sleep)

        long t0 = System.nanoTime();
        stack.signal(signal);
        assertTrue(stack.process.waitFor(15, TimeUnit.SECONDS), "launcher still running");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(exitCode, stack.process.exitValue(), String.join("\n", stack.err));
        assertTrue(ms >= 1500, "the stubborn child should have had its 2s grace, took " + ms + " ms");
        assertTrue(before.stream().noneMatch(ProcessTree::running), before.toString());
        assertTrue(ProcessTree.byToken(instance.runToken()).isEmpty());
        assertEquals("KEEP=1\n", Files.readString(dir.resolve("app.env")));
        assertFalse(Files.exists(project.state.resolve("instances/app-1.json")));
    }
}
