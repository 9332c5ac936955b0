package dev.launch.api;

import dev.launch.ports.PortRange;
import dev.launch.testing.TestPorts;
import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.ServerSocketChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's library API (port-finder.ts) over the stricter probe. */
class PortsFindsFreeBlocksTest {
    @Test
    void findAvailablePortsSkipsPastABusyPortInTheMiddleOfABlock() throws Exception {
        int base = TestPorts.freeBlock(8);
        try (ServerSocketChannel ignored = TestPorts.listen("127.0.0.1", base + 2)) {
            assertEquals(List.of(base + 3, base + 4, base + 5, base + 6), Ports.findAvailablePorts(base, 4));
        }
    }

    @Test
    void findAvailablePortReturnsTheFirstFreePortAtOrAboveBase() throws Exception {
        int base = TestPorts.freeBlock(3);
        assertEquals(base, Ports.findAvailablePort(base));
        try (ServerSocketChannel ignored = TestPorts.listen("127.0.0.1", base)) {
            assertFalse(Ports.isPortAvailable(base));
            assertEquals(base + 1, Ports.findAvailablePort(base));
        }
        assertTrue(Ports.isPortAvailable(base));
    }

    @Test
    void noFreeBlockBelowMaxIsExitCodeThree() throws Exception {
        int base = TestPorts.freeBlock(3);
        try (ServerSocketChannel ignored = TestPorts.listen("127.0.0.1", base + 1)) {
            LaunchException e = assertThrows(LaunchException.class, () -> Ports.findAvailablePorts(base, 2, base + 2));
            assertEquals(ExitCode.NO_FREE_BLOCK, e.exitCode());
            assertEquals("no 2 consecutive free ports between " + base + " and " + (base + 2), e.getMessage());
        }
    }

    @Test
    void invalidArgumentsAreRejectedWithAClearMessage() {
        assertEquals("count must be at least 1 (got 0)",
                assertThrows(IllegalArgumentException.class, () -> Ports.findAvailablePorts(5001, 0)).getMessage());
        assertEquals("port must be between 1 and 65535 (got 0)",
                assertThrows(IllegalArgumentException.class, () -> Ports.findAvailablePort(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ports.findAvailablePorts(70000, 1));
    }

    @Test
    void portsForEnvironmentNormalisesTheRangeNameAndNamesTheBlock() throws Exception {
        int base = TestPorts.freeBlock(6);
        Map<String, PortRange> ranges = new LinkedHashMap<>();
        ranges.put("DEVELOPMENT", new PortRange("DEVELOPMENT", 5001, 4));
        ranges.put("SECONDARY_DEV", new PortRange("SECONDARY_DEV", base, 4));
        try (ServerSocketChannel ignored = TestPorts.listen("127.0.0.1", base)) {
            Map<String, Integer> ports = Ports.portsForEnvironment(" secondary-dev ", ranges, Ports.DEV_PORT_NAMES);
            assertEquals(List.of("alice", "bob", "networkSimulator", "networkHttp"), List.copyOf(ports.keySet()));
            assertEquals(List.of(base + 1, base + 2, base + 3, base + 4), List.copyOf(ports.values()));
        }
    }

    @Test
    void portsForEnvironmentRejectsAnUnknownRangeNamingTheKnownOnes() {
        Map<String, PortRange> ranges = Map.of("DEVELOPMENT", new PortRange("DEVELOPMENT", 5001, 4));
        LaunchException e = assertThrows(LaunchException.class,
                () -> Ports.portsForEnvironment("staging", ranges, Ports.DEV_PORT_NAMES));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("unknown port range \"staging\" (expected one of DEVELOPMENT)", e.getMessage());
    }
}
