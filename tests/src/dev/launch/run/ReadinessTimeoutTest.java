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

@ExtendWith(Cleanup.class)
class ReadinessTimeoutTest {
    @Test
    void aReadinessTimeoutStopsTheStackAndExitsOneNamingTheProcess() throws Exception {
        int port = TestPorts.freePort();
        RenderedProcess bob = Stack.sh("bob", "exec sleep 300");
        RenderedProcess alice = Stack.with(Stack.sh("alice", "echo never listening; exec sleep 300"),
                new Profile.ReadySpec.Http("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(1)));
        RenderedProcess carol = Stack.dependsOn(Stack.sh("carol", "exec sleep 300"), "alice");
        Stack s = Stack.start(Duration.ofSeconds(2), bob, alice, carol);
        assertEquals(1, s.awaitExit(Duration.ofSeconds(10)));
        assertTrue(s.err().contains("alice was not ready after 1s: no answer on http://127.0.0.1:" + port + "/health"), s.err());
        assertEquals(-1, s.indexOf("carol", "starting"), "carol depends on alice and must never start");
        assertTrue(ProcessTree.byToken(s.token).isEmpty(), "bob and alice are gone");
        assertTrue(s.indexOf("bob", "stopped") >= 0);
    }
}
