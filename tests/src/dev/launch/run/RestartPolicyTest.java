package dev.launch.run;

import dev.launch.testing.Cleanup;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.launch.config.Profile;
import dev.launch.proc.ProcessTree;
import dev.launch.testing.Stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

@ExtendWith(Cleanup.class)
class RestartPolicyTest {
    private static long runs(Stack s, String name) {
        return s.out().lines().filter(l -> l.equals(name + " | run")).count();
    }

    @Test
    void policyNoStopsTheStackOnTheFirstFailure() throws Exception {
        Stack s = Stack.start(Duration.ofSeconds(1), Stack.sh("alice", "echo run; exit 4"), Stack.sh("bob", "exec sleep 300"));
        assertEquals(1, s.awaitExit(Duration.ofSeconds(10)));
        assertEquals(1, runs(s, "alice"));
        assertEquals(0, s.count("alice", "restarting"));
        assertTrue(s.err().contains("alice exited with code 4; stopping the stack"), s.err());
    }

    @Test
    void onFailureRestartsUpToMaxRestartsThenStopsTheStack() throws Exception {
        RenderedProcess alice = Stack.restart(Stack.sh("alice", "echo run; exit 3"), Profile.RestartPolicy.ON_FAILURE, 2);
        long t0 = System.nanoTime();
        Stack s = Stack.start(Duration.ofSeconds(1), alice, Stack.sh("bob", "exec sleep 300"));
        assertEquals(1, s.awaitExit(Duration.ofSeconds(15)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(3, runs(s, "alice"), s.out());
        assertEquals(2, s.count("alice", "restarting"));
        assertTrue(ms >= 1400, "backoff 0.5s then 1s, took " + ms + " ms");
        assertTrue(s.err().contains("alice exited with code 3 after 2 restarts; stopping the stack"), s.err());
        assertTrue(ProcessTree.byToken(s.token).isEmpty());
    }

    @Test
    void onFailureTakesACleanExitAsCompletedAndTheStackKeepsRunning() throws Exception {
        RenderedProcess alice = Stack.restart(Stack.sh("alice", "echo run; exit 0"), Profile.RestartPolicy.ON_FAILURE, 5);
        Stack s = Stack.start(Duration.ofSeconds(1), alice, Stack.sh("bob", "exec sleep 300"));
        assertTrue(Stack.eventually(Duration.ofSeconds(10), () -> s.count("alice", "completed") == 1), s.err());
        assertTrue(Stack.eventually(Duration.ofSeconds(1), () -> s.exit.isDone()) == false, "the stack keeps running: " + s.err());
        assertEquals(1, runs(s, "alice"));
        assertEquals(0, s.count("alice", "restarting"));
        assertTrue(s.err().contains("alice completed"), s.err());
        s.supervisor.stop();
        assertEquals(0, s.awaitExit(Duration.ofSeconds(5)));
    }

    @Test
    void alwaysRestartsEvenACleanExitKeepingTheSameEnvironment() throws Exception {
        RenderedProcess alice = new RenderedProcess("alice", java.util.List.of("sh", "-c", "echo run; echo port=$ALICE_PORT; exit 0"),
                null, java.util.Map.of("ALICE_PORT", "25001"), null, java.util.List.of(), Profile.RestartPolicy.ALWAYS, 2, java.util.Map.of());
        Stack s = Stack.start(Duration.ofSeconds(1), alice, Stack.sh("bob", "exec sleep 300"));
        assertEquals(1, s.awaitExit(Duration.ofSeconds(15)));
        assertEquals(3, runs(s, "alice"));
        assertEquals(3, s.out().lines().filter(l -> l.equals("alice | port=25001")).count());
        assertEquals(2, s.events().stream().filter(e -> e.name().equals("alice") && e.state().equals("exited") && e.restarts() < 2).count());
    }

    @Test
    void aRestartedProcessThatStaysUpKeepsTheStackRunning() throws Exception {
        RenderedProcess flaky = Stack.restart(Stack.sh("flaky",
                "if [ -e \"$MARK\" ]; then echo run; exec sleep 300; else touch \"$MARK\"; echo run; exit 1; fi"),
                Profile.RestartPolicy.ON_FAILURE, 3);
        java.nio.file.Path mark = java.nio.file.Files.createTempDirectory("restart").resolve("mark");
        flaky = new RenderedProcess(flaky.name(), flaky.command(), null, java.util.Map.of("MARK", mark.toString()), null,
                java.util.List.of(), flaky.restart(), flaky.maxRestarts(), java.util.Map.of());
        Stack s = Stack.start(Duration.ofSeconds(1), flaky);
        Stack st = s;
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> runs(st, "flaky") == 2), s.out());
        assertFalse(Stack.eventually(Duration.ofSeconds(2), s.exit::isDone), "the stack keeps running once the restart stays up");
        assertEquals(2, runs(s, "flaky"));
        s.supervisor.stop();
        assertEquals(0, s.awaitExit(Duration.ofSeconds(10)));
    }
}
