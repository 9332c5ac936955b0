package dev.launch.run;

import dev.launch.testing.Cleanup;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.launch.testing.TestPorts;

import dev.launch.config.Profile;
import dev.launch.testing.Stack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

@ExtendWith(Cleanup.class)
class SpawnToReadyTest {
    @Test
    void aTrivialProcessWithoutACheckIsReadyAsSoonAsItIsSpawned(TestReporter reporter) throws Exception {
        Stack.start(Duration.ofSeconds(1), Stack.sh("warmup", "exec sleep 300")).awaitReady(Duration.ofSeconds(5));
        long t0 = System.nanoTime();
        Stack s = Stack.start(Duration.ofSeconds(1), Stack.sh("trivial", "exec sleep 300"));
        s.awaitReady(Duration.ofSeconds(5));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        reporter.publishEntry("spawn-to-ready, no check, ms", Long.toString(ms));
        assertTrue(ms < 1000, ms + " ms");
    }

    @Test
    void aTcpCheckPassesSoonAfterTheProcessListens(TestReporter reporter) throws Exception {
        int port = TestPorts.freePort();
        long t0 = System.nanoTime();
        Stack s = Stack.start(Duration.ofSeconds(1), Stack.with(Stack.sh("listener", "exec " + Stack.pythonListener(port, 0)),
                new Profile.ReadySpec.Tcp(Integer.toString(port), Duration.ofSeconds(10))));
        s.awaitReady(Duration.ofSeconds(10));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        reporter.publishEntry("spawn-to-ready, python3 listener with tcp check, ms", Long.toString(ms));
        assertTrue(ms < 3000, ms + " ms");
    }
}
