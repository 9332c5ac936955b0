package dev.launch.run;

import dev.launch.testing.Cleanup;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.launch.proc.ProcessTree;
import dev.launch.testing.Stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@ExtendWith(Cleanup.class)
class NothingLeftBehindTest {
    @Test
    void grandchildrenAndDoubleForkedDaemonsAreGoneAfterTeardown() throws Exception {
        RenderedProcess parent = Stack.sh("parent", "sleep 301 & sleep 302 & echo spawned; wait");
        // ( ... & ) forks twice, and the daemon process exits (a child subreaper keeps orphans only
        // while it lives): the sleeps are reparented away from the tree, found only by their token
        RenderedProcess daemon = Stack.sh("daemon", "( sleep 303 & ) ; ( setsid sleep 304 & ) ; echo detached");
        Stack s = Stack.start(Duration.ofSeconds(2), parent, daemon);
        s.awaitReady(Duration.ofSeconds(5));
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> s.indexOf("daemon", "completed") >= 0
                && ProcessTree.byToken(s.token).size() >= 5), ProcessTree.byToken(s.token).toString());
        List<ProcessHandle> all = ProcessTree.byToken(s.token);
        long orphans = all.stream().filter(h -> h.parent().map(p -> p.pid() != ProcessHandle.current().pid()
                && all.stream().noneMatch(o -> o.pid() == p.pid())).orElse(true)).count();
        assertTrue(orphans >= 2, "the double-forked sleeps have left the tree: " + all);
        s.supervisor.stop();
        assertEquals(0, s.awaitExit(Duration.ofSeconds(1)));
        assertTrue(all.stream().noneMatch(ProcessTree::running), "by pid: " + all);
        assertTrue(ProcessTree.byToken(s.token).isEmpty(), "by token scan of /proc/*/environ");
    }

    /** The token scan cannot see a grandchild that dropped the token; the walk down from its parent must. */
    @Test
    void aGrandchildThatDropsTheRunTokenIsFoundThroughTheTreeAndEnded() throws Exception {
        String marker = "30" + (System.nanoTime() % 900 + 100);
        RenderedProcess parent = Stack.sh("parent", "env -u " + ProcessTree.TOKEN_VAR + " sleep " + marker + " & echo spawned; wait");
        Stack s = Stack.start(Duration.ofSeconds(2), parent);
        s.awaitReady(Duration.ofSeconds(5));
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> tokenless(marker).isPresent()), "the grandchild runs");
        ProcessHandle grandchild = tokenless(marker).orElseThrow();
        Cleanup.close(grandchild::destroyForcibly);
        assertTrue(ProcessTree.byToken(s.token).stream().noneMatch(h -> h.pid() == grandchild.pid()),
                "the grandchild carries no token, so only the tree walk finds it");
        s.supervisor.stop();
        assertEquals(0, s.awaitExit(Duration.ofSeconds(1)));
        assertTrue(Stack.eventually(Duration.ofSeconds(1), () -> !ProcessTree.running(grandchild)), "left behind: " + grandchild);
    }

    private static java.util.Optional<ProcessHandle> tokenless(String marker) {
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().commandLine().map(c -> c.equals("sleep " + marker) || c.endsWith("/sleep " + marker)).orElse(false))
                .findFirst();
    }

    @Test
    void aFailingProcessTakesItsSiblingsAndTheirChildrenDown() throws Exception {
        RenderedProcess sibling = Stack.sh("sibling", "sleep 306 & ( sleep 307 & ) ; wait");
        RenderedProcess failing = Stack.sh("failing", "sleep 0.5; exit 2");
        Stack s = Stack.start(Duration.ofSeconds(2), sibling, failing);
        assertEquals(1, s.awaitExit(Duration.ofSeconds(10)));
        assertTrue(ProcessTree.byToken(s.token).isEmpty());
    }

    @Test
    void theTeardownNeverSignalsTheCallerOrASparedProcess() throws Exception {
        Process spared = new ProcessBuilder("sleep", "30").start();
        try {
            ProcessTree.Outcome o = ProcessTree.terminate(List.of(List.of(ProcessHandle.current(), spared.toHandle())),
                    null, Duration.ofMillis(200), java.util.Set.of(spared.pid()));
            assertEquals(0, o.terminated());
            assertTrue(spared.isAlive());
        } finally {
            spared.destroyForcibly();
        }
    }
}
