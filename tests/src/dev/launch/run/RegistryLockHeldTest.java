package dev.launch.run;

import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.registry.StateLock;
import dev.launch.testing.Cleanup;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.LiveStack;
import dev.launch.testing.Stack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry is where other shells read a stack's process states; writing it never holds up a
 * process start. A shell that holds the registry lock (any command, for as long as it takes)
 * delays the entry, not the processes.
 */
@ExtendWith(Cleanup.class)
class RegistryLockHeldTest {
    @TempDir
    Path dir;

    @Test
    void aProcessRestartsWhileAnotherShellHoldsTheRegistryLockAndTheEntryCatchesUp() throws Exception {
        TestProject project = new TestProject(dir);
        LiveStack.writeProfile(project, """
                processes:
                  ticker:
                    command: [sh, -c, 'echo "up $$"; exec sleep 600']
                    restart: always
                """);
        LaunchedStack stack = LaunchedStack.start(project);
        assertTrue(stack.awaitUp(Duration.ofSeconds(60)), stack.errText());
        long first = ticker(project, stack.id()).pid();

        try (StateLock held = StateLock.acquire(project.state.resolve("lock"))) {
            ProcessHandle.of(first).orElseThrow().destroy();
            // the restart comes after a 0.5-1 s backoff; the lock is held far longer than that
            assertTrue(Stack.eventually(Duration.ofSeconds(6), () -> stack.out.stream().filter(l -> l.startsWith("ticker | up ")).count() == 2),
                    String.join("\n", stack.out) + "\n" + stack.errText());
        }
        assertTrue(Stack.eventually(Duration.ofSeconds(10), () -> {
            Instance.ProcessInfo now = ticker(project, stack.id());
            return now.restarts() == 1 && now.pid() != first && now.state().equals("ready");
        }), "the entry has the restarted process once the lock is free: " + ticker(project, stack.id()));
        assertTrue(stack.process.isAlive(), stack.errText());
    }

    private static Instance.ProcessInfo ticker(TestProject project, String id) {
        return new Registry(project.state, new PrintWriter(new StringWriter())).find(id).orElseThrow().process("ticker").orElseThrow();
    }
}
