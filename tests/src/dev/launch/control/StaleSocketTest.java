package dev.launch.control;

import dev.launch.testing.Cleanup;

import dev.launch.proc.Processes;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.LiveStack;
import dev.launch.testing.Stack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A control socket left by a SIGKILLed launcher (and its watchdog) is ignored, cleaned, and never blocks the next run. */
@ExtendWith(Cleanup.class)
class StaleSocketTest {
    @TempDir
    Path dir;

    @Test
    void aSocketLeftByAKilledLauncherIsIgnoredCleanedAndReplaced() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack first = LiveStack.up(project);
        String id = first.id();
        Registry registry = new Registry(project.state, new PrintWriter(new StringWriter()));
        Instance dead = registry.find(id).orElseThrow();
        Path socket = ControlClient.socket(project.state, id);
        assertTrue(Files.exists(socket));

        ProcessHandle watchdog = ProcessHandle.of(dead.watchdogPid()).orElseThrow();
        watchdog.destroyForcibly();
        watchdog.onExit().join();
        first.process.destroyForcibly().waitFor();

        assertTrue(Files.exists(socket), "nobody cleaned up: the socket is stale");
        // the ticker dies of SIGPIPE at its first line after its launcher (within 200 ms); the quiet talker and stubborn live on
        Instance.ProcessInfo ticker = dead.processes().stream().filter(p -> p.name().equals("ticker")).findFirst().orElseThrow();
        assertTrue(Stack.eventually(Duration.ofSeconds(10), () -> !Processes.isAlive(ticker.pid(), ticker.pidStart())), "the ticker outlived its launcher");
        Launcher.Result status = project.subprocess("status");
        assertTrue(status.err().contains(id + " is dead (its launcher, pid " + dead.pid() + ", is gone) but 2 of its processes still run"
                + " (talker, stubborn); end them with ./jbang launch.java prune"), status.err());
        Launcher.Result restart = project.subprocess("restart", id, "talker");
        assertEquals(1, restart.exit(), "no live instance to ask");
        assertTrue(ControlClient.call(project.state, dead, ControlClient.request("ping", List.of(), "a test"), Duration.ofSeconds(2), n -> { })
                .isEmpty(), "a socket nobody listens on is no channel");
        assertFalse(Files.exists(socket), "and is removed");

        Files.createDirectories(socket.getParent());
        try (var stale = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            stale.bind(java.net.UnixDomainSocketAddress.of(socket)); // a stale file exactly where the next run wants its own
        }
        Launcher.Result prune = project.subprocess("prune");
        assertEquals(0, prune.exit(), prune.err());
        assertFalse(Files.exists(socket), "prune removes it");
        assertFalse(Files.exists(project.state.resolve("logs")) && Files.list(project.state.resolve("logs")).findAny().isPresent(),
                "and the dead instance's logs");

        try (var stale = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            stale.bind(java.net.UnixDomainSocketAddress.of(socket));
        }
        LaunchedStack second = LaunchedStack.start(project);
        assertTrue(second.awaitUp(Duration.ofSeconds(60)), String.join("\n", second.err));
        assertEquals(id, second.id(), "the same id, over the stale socket");
        Launcher.Result again = project.subprocess("restart", id, "talker");
        assertEquals(0, again.exit(), again.err());
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> second.out.stream().filter(l -> l.startsWith("talker   | hello")).count() == 2));
    }
}
