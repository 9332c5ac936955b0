package dev.launch.ports;

import dev.launch.testing.TestPorts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class PortProbeFreePortTest {
    @Test
    void freePortIsFreeWithNoReasons() {
        int port = TestPorts.freePort();
        PortProbe.Probe probe = PortProbe.probe(port);
        assertTrue(probe.free(), probe.reasons().toString());
        assertEquals(List.of(), probe.reasons());
        assertTrue(PortProbe.isFree(port));
    }

    @Test
    void portOutsideOneTo65535IsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PortProbe.isFree(0));
        assertThrows(IllegalArgumentException.class, () -> PortProbe.probe(65536));
    }

    /** Reports the median time of isFree on a free port (all six checks run); fails only if absurd. */
    @Test
    void probingFreePortTakesWellUnderAMillisecond(TestReporter reporter) {
        int port = TestPorts.freePort();
        for (int i = 0; i < 2000; i++) {
            PortProbe.isFree(port); // warm up the JIT
        }
        long[] ns = new long[2000];
        for (int i = 0; i < ns.length; i++) {
            long start = System.nanoTime();
            boolean free = PortProbe.isFree(port);
            ns[i] = System.nanoTime() - start;
            assertTrue(free, "port " + port + " was taken during the measurement");
        }
        Arrays.sort(ns);
        long median = ns[ns.length / 2];
        reporter.publishEntry("median isFree ns (free port)", Long.toString(median));
        assertTrue(median < 1_000_000, "median " + median + " ns");
    }
}
