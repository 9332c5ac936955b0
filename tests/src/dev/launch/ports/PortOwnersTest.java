package dev.launch.ports;

import dev.launch.testing.TestPorts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortOwnersTest {
    @Test
    void namesThisJvmAsHolderOfAPortItListensOn() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "no /proc/net/tcp: not Linux");
        int port = TestPorts.freePort();
        try (ServerSocketChannel ignored = TestPorts.listen("127.0.0.1", port)) {
            List<PortHolder> holders = PortOwners.of(port);
            long me = ProcessHandle.current().pid();
            assertTrue(holders.stream().anyMatch(h -> h.pid() == me), holders.toString());
            PortHolder mine = holders.stream().filter(h -> h.pid() == me).findFirst().orElseThrow();
            assertEquals("127.0.0.1:" + port, mine.address());
            assertTrue(mine.command().contains("java"), mine.command());
        }
    }

    @Test
    void namesTheHolderOfAnIpv6Listener() throws Exception {
        assumeTrue(TestPorts.ipv6(), "no IPv6 on this machine");
        int port = TestPorts.freePort();
        try (ServerSocketChannel ignored = TestPorts.listen("::1", port)) {
            List<PortHolder> holders = PortOwners.of(port);
            assertTrue(holders.stream().anyMatch(h -> h.pid() == ProcessHandle.current().pid()
                    && h.address().equals("[::1]:" + port)), holders.toString());
        }
    }

    @Test
    void freePortHasNoHolders() {
        assertEquals(List.of(), PortOwners.of(TestPorts.freePort()));
    }

    @Test
    void compressesIpv6AddressesAsTheyAreUsuallyWritten() {
        assertEquals("::1", ProcNetTcp.compress("0:0:0:0:0:0:0:1"));
        assertEquals("::", ProcNetTcp.compress("0:0:0:0:0:0:0:0"));
        assertEquals("fd00::2", ProcNetTcp.compress("fd00:0:0:0:0:0:0:2"));
        assertEquals("1:0:2::3:0:0", ProcNetTcp.compress("1:0:2:0:0:3:0:0"));
    }
}
