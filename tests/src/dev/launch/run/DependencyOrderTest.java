package dev.launch.run;

import dev.launch.testing.Cleanup;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.launch.testing.TestPorts;

import dev.launch.config.Profile;
import dev.launch.proc.ProcessTree;
import dev.launch.testing.Stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

@ExtendWith(Cleanup.class)
class DependencyOrderTest {
    @Test
    void startsADependentOnlyOnceItsDependencyIsReady(TestReporter reporter) throws Exception {
        int port = TestPorts.freePort();
        RenderedProcess network = Stack.with(Stack.sh("network", Stack.pythonListener(port, 0.7)),
                new Profile.ReadySpec.Tcp(Integer.toString(port), Duration.ofSeconds(10)));
        // alice proves the order itself: it fails unless the network port already accepts connections
        RenderedProcess alice = Stack.dependsOn(Stack.sh("alice",
                "python3 -c \"import socket; socket.create_connection(('127.0.0.1'," + port + ")); print('alice saw network', flush=True)\""
                        + " && exec sleep 300"), "network");
        RenderedProcess bob = Stack.dependsOn(Stack.sh("bob", "echo bob up; exec sleep 300"), "alice");
        long t0 = System.nanoTime();
        Stack s = Stack.start(Duration.ofSeconds(2), alice, bob, network);
        s.awaitReady(Duration.ofSeconds(15));
        reporter.publishEntry("three-tier stack ready in ms", Long.toString((System.nanoTime() - t0) / 1_000_000));
        assertTrue(s.indexOf("network", "ready") < s.indexOf("alice", "starting"), s.events().toString());
        assertTrue(s.indexOf("alice", "ready") < s.indexOf("bob", "starting"), s.events().toString());
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> s.out().contains("alice   | alice saw network")), s.out());
        s.supervisor.stop();
        assertEquals(0, s.awaitExit(Duration.ofSeconds(10)));
        assertTrue(ProcessTree.byToken(s.token).isEmpty());
    }

    @Test
    void independentProcessesStartWithoutWaitingForEachOther() throws Exception {
        int port = TestPorts.freePort();
        RenderedProcess slow = Stack.with(Stack.sh("slow", Stack.pythonListener(port, 1.5)),
                new Profile.ReadySpec.Tcp(Integer.toString(port), Duration.ofSeconds(10)));
        RenderedProcess other = Stack.sh("other", "exec sleep 300");
        Stack s = Stack.start(Duration.ofSeconds(2), slow, other);
        assertTrue(Stack.eventually(Duration.ofSeconds(1), () -> s.indexOf("other", "ready") >= 0), s.events().toString());
        assertTrue(s.indexOf("slow", "ready") < 0);
        s.awaitReady(Duration.ofSeconds(10));
        s.supervisor.stop();
        assertEquals(0, s.awaitExit(Duration.ofSeconds(10)));
    }
}
