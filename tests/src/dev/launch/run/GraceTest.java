package dev.launch.run;

import dev.launch.testing.Cleanup;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.launch.config.Profile;
import dev.launch.proc.ProcessTree;
import dev.launch.testing.Stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

@ExtendWith(Cleanup.class)
class GraceTest {
    @Test
    void aChildThatIgnoresSigtermIsKilledAfterTheGrace(TestReporter reporter) throws Exception {
        RenderedProcess stubborn = Stack.with(Stack.sh("stubborn", "trap '' TERM; sleep 300 & echo trapped; wait; sleep 300"),
                new Profile.ReadySpec.Log("trapped", Duration.ofSeconds(5)));
        RenderedProcess calm = Stack.sh("calm", "exec sleep 300");
        Stack s = Stack.start(Duration.ofMillis(1500), stubborn, calm);
        s.awaitReady(Duration.ofSeconds(10));
        // the stubborn shell, its background sleep (forked before "trapped" is printed) and calm's sleep
        List<ProcessHandle> before = ProcessTree.byToken(s.token);
        for (long end = System.nanoTime() + 5_000_000_000L; before.size() < 3 && System.nanoTime() < end; before = ProcessTree.byToken(s.token)) {
            Thread.sleep(20);
        }
        assertTrue(before.size() >= 3, before.toString());
        long t0 = System.nanoTime();
        s.supervisor.stop();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        reporter.publishEntry("stop() with a SIGTERM-ignoring child, grace 1.5s, ms", Long.toString(ms));
        assertEquals(0, s.awaitExit(Duration.ofSeconds(1)));
        assertTrue(ms >= 1400 && ms < 4000, "took " + ms + " ms");
        assertTrue(before.stream().noneMatch(ProcessTree::running), before.toString());
        assertTrue(s.err().contains("killed after the 1.5s grace"), s.err());
    }

    @Test
    void aCalmStackStopsWithoutWaitingForTheGrace() throws Exception {
        Stack s = Stack.start(Duration.ofSeconds(5), Stack.sh("a", "exec sleep 300"), Stack.sh("b", "sleep 300"));
        s.awaitReady(Duration.ofSeconds(5));
        long t0 = System.nanoTime();
        s.supervisor.stop();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "took " + ms + " ms");
    }

    @Test
    void stopIsIdempotentAndSafeFromManyThreads() throws Exception {
        Stack s = Stack.start(Duration.ofSeconds(2), Stack.sh("a", "exec sleep 300"));
        s.awaitReady(Duration.ofSeconds(5));
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(s.supervisor::stop);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join(10_000);
            assertTrue(!t.isAlive());
        }
        s.supervisor.stop();
        assertEquals(0, s.awaitExit(Duration.ofSeconds(1)));
        assertEquals(1, s.count("a", "stopped"));
    }
}
