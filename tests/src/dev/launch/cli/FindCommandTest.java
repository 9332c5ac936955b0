package dev.launch.cli;

import dev.launch.testing.Launcher;
import dev.launch.testing.TestPorts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.ServerSocketChannel;
import org.junit.jupiter.api.Test;

class FindCommandTest {
    @Test
    void printsTheFirstFreePortAtOrAboveBase() throws Exception {
        int base = TestPorts.freeBlock(2);
        try (ServerSocketChannel ignored = TestPorts.listen("127.0.0.1", base)) {
            Launcher.Result r = Launcher.inProcess("find", Integer.toString(base));
            assertEquals(0, r.exit(), r.err());
            assertEquals((base + 1) + System.lineSeparator(), r.out());
        }
    }

    @Test
    void countPrintsConsecutiveFreePortsOnePerLineSkippingABusyOne() throws Exception {
        int base = TestPorts.freeBlock(6);
        try (ServerSocketChannel ignored = TestPorts.listen("127.0.0.1", base + 1)) {
            Launcher.Result r = Launcher.inProcess("find", Integer.toString(base), "--count", "3");
            assertEquals(0, r.exit(), r.err());
            assertEquals(String.format("%d%n%d%n%d%n", base + 2, base + 3, base + 4), r.out());
        }
    }

    @Test
    void noFreeBlockAtOrBelowMaxExitsThree() throws Exception {
        int base = TestPorts.freeBlock(3);
        try (ServerSocketChannel ignored = TestPorts.listen("127.0.0.1", base + 1)) {
            Launcher.Result r = Launcher.inProcess("find", Integer.toString(base), "--count", "2",
                    "--max", Integer.toString(base + 2));
            assertEquals(3, r.exit(), r.err());
            assertEquals("", r.out());
            assertEquals("launch: no 2 consecutive free ports between " + base + " and " + (base + 2), r.err().strip());
        }
    }

    @Test
    void badInputExitsTwo() {
        assertEquals(2, Launcher.inProcess("find", "0").exit());
        assertEquals(2, Launcher.inProcess("find", "abc").exit());
        assertEquals(2, Launcher.inProcess("find", "20001", "--count", "0").exit());
        Launcher.Result r = Launcher.inProcess("find", "20001", "--max", "20000");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--max must be between BASE (20001) and 65535 (got 20000)"), r.err());
    }
}
