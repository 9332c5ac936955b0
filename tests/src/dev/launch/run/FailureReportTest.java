package dev.launch.run;

import dev.launch.testing.Cleanup;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.launch.config.Profile;
import dev.launch.proc.ProcessTree;
import dev.launch.testing.Stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@ExtendWith(Cleanup.class)
class FailureReportTest {
    @Test
    void aFailingProcessIsReportedWithItsExitCodeAndLastLines() throws Exception {
        RenderedProcess alice = Stack.sh("alice", "for i in $(seq 1 30); do echo \"line $i\"; done; sleep 0.3; echo oops >&2; exit 7");
        Stack s = Stack.start(Duration.ofSeconds(1), alice, Stack.sh("bob", "exec sleep 300"));
        assertEquals(1, s.awaitExit(Duration.ofSeconds(10)));
        String err = s.err();
        assertTrue(err.contains("launch: alice exited with code 7; stopping the stack"), err);
        assertTrue(err.contains("launch: last lines of alice:\n  alice | line 12\n"), err);
        assertTrue(err.contains("  alice | line 30\n  alice | oops"), err);
        assertFalse(err.contains("alice | line 11\n"), err);
        assertEquals(7, s.events().stream().filter(e -> e.name().equals("alice") && e.state().equals("exited"))
                .findFirst().orElseThrow().exitCode());
    }

    @Test
    void aPortTakenByAForeignProgramIsNamedInsteadOfAMysteryCrash() throws Exception {
        try (ServerSocket foreign = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            int port = foreign.getLocalPort();
            RenderedProcess alice = Stack.ports(Stack.sh("alice", "python3 -c \"import socket; s=socket.socket(); "
                    + "s.bind(('127.0.0.1', " + port + ")); s.listen()\""), Map.of("alice", port));
            Stack s = Stack.start(Duration.ofSeconds(1), alice);
            assertEquals(1, s.awaitExit(Duration.ofSeconds(10)));
            assertTrue(s.err().contains("port " + port + " (alice) was taken by another program (pid "
                    + ProcessHandle.current().pid() + " java) before alice could bind it"), s.err());
        }
    }

    @Test
    void aMissingCommandIsOneClearSentence() throws Exception {
        RenderedProcess ghost = new RenderedProcess("ghost", java.util.List.of("no-such-command-xyz"), null, Map.of(), null,
                java.util.List.of(), Profile.RestartPolicy.NO, 0, Map.of());
        Stack s = Stack.start(Duration.ofSeconds(1), Stack.sh("bob", "exec sleep 300"), ghost);
        assertEquals(1, s.awaitExit(Duration.ofSeconds(10)));
        assertTrue(s.err().contains("launch: cannot start ghost: command not found: no-such-command-xyz"), s.err());
        assertTrue(ProcessTree.byToken(s.token).isEmpty());
    }
}
