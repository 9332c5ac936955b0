package dev.launch.ports;

import dev.launch.testing.V6OnlyListener;

import dev.launch.testing.TestPorts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/** A port in use on any one address of either family is busy, with the reason that says where. */
class PortProbeSeesEachAddressFamilyTest {
    @Test
    void listenerOn127001OnlyMakesPortBusy() throws Exception {
        int port = TestPorts.freePort();
        try (ServerSocketChannel ignored = TestPorts.listen("127.0.0.1", port)) {
            PortProbe.Probe probe = PortProbe.probe(port);
            assertFalse(PortProbe.isFree(port));
            assertFalse(probe.free());
            assertTrue(probe.reasons().contains("listening on 127.0.0.1"), probe.reasons().toString());
            assertFalse(probe.reasons().contains("listening on ::1"), probe.reasons().toString());
            assertTrue(probe.reasons().contains("cannot bind 127.0.0.1: Address already in use"), probe.reasons().toString());
        }
    }

    @Test
    void listenerOnIpv6LoopbackOnlyMakesPortBusy() throws Exception {
        assumeTrue(TestPorts.ipv6(), "no IPv6 on this machine");
        int port = TestPorts.freePort();
        try (ServerSocketChannel ignored = TestPorts.listen("::1", port)) {
            PortProbe.Probe probe = PortProbe.probe(port);
            assertFalse(PortProbe.isFree(port));
            assertTrue(probe.reasons().contains("listening on ::1"), probe.reasons().toString());
            assertFalse(probe.reasons().contains("listening on 127.0.0.1"), probe.reasons().toString());
            assertTrue(probe.reasons().contains("cannot bind ::1: Address already in use"), probe.reasons().toString());
        }
    }

    @Test
    void listenerOnIpv4WildcardMakesPortBusy() throws Exception {
        int port = TestPorts.freePort();
        try (ServerSocketChannel ignored = TestPorts.listen("0.0.0.0", port)) {
            PortProbe.Probe probe = PortProbe.probe(port);
            assertFalse(PortProbe.isFree(port));
            assertTrue(probe.reasons().contains("listening on 127.0.0.1"), probe.reasons().toString());
            assertTrue(probe.reasons().contains("cannot bind 0.0.0.0: Address already in use"), probe.reasons().toString());
        }
    }

    @Test
    void dualStackListenerOnIpv6WildcardMakesPortBusyOnBothFamilies() throws Exception {
        assumeTrue(TestPorts.ipv6(), "no IPv6 on this machine");
        int port = TestPorts.freePort();
        try (ServerSocket ignored = TestPorts.listenDualStack(port)) {
            PortProbe.Probe probe = PortProbe.probe(port);
            assertFalse(PortProbe.isFree(port));
            assertTrue(probe.reasons().contains("listening on 127.0.0.1"), probe.reasons().toString());
            assertTrue(probe.reasons().contains("listening on ::1"), probe.reasons().toString());
            assertTrue(probe.reasons().contains("cannot bind ::: Address already in use"), probe.reasons().toString());
            assertTrue(probe.summary().startsWith("listening on 127.0.0.1, ::1"), probe.summary());
        }
    }

    @Test
    void ipv6OnlyListenerOnIpv6WildcardMakesPortBusy() throws Exception {
        assumeTrue(TestPorts.ipv6(), "no IPv6 on this machine");
        assumeTrue(V6OnlyListener.python3Available(),
                "python3 not found: it is the helper that listens with IPV6_V6ONLY=1 (the JDK cannot)");
        int port = TestPorts.freePort();
        try (V6OnlyListener ignored = new V6OnlyListener(port)) {
            PortProbe.Probe probe = PortProbe.probe(port);
            assertFalse(PortProbe.isFree(port));
            assertTrue(probe.reasons().contains("listening on ::1"), probe.reasons().toString());
            assertFalse(probe.reasons().contains("listening on 127.0.0.1"), probe.reasons().toString());
            assertTrue(probe.reasons().contains("cannot bind ::: Address already in use"), probe.reasons().toString());
            assertFalse(probe.reasons().contains("cannot bind 0.0.0.0: Address already in use"),
                    "an IPv6-only socket leaves IPv4 bindable: " + probe.reasons());
        }
    }

    @Test
    void socketBoundButNotListeningMakesPortBusy() throws Exception {
        int port = TestPorts.freePort();
        try (SocketChannel bound = SocketChannel.open(StandardProtocolFamily.INET)) {
            bound.bind(new InetSocketAddress("127.0.0.1", port));
            PortProbe.Probe probe = PortProbe.probe(port);
            assertFalse(PortProbe.isFree(port));
            assertFalse(probe.reasons().stream().anyMatch(r -> r.startsWith("listening")), probe.reasons().toString());
            assertTrue(probe.reasons().contains("cannot bind 127.0.0.1: Address already in use"), probe.reasons().toString());
        }
    }

    @Test
    void portIsFreeAgainOnceTheListenerCloses() throws Exception {
        int port = TestPorts.freePort();
        try (ServerSocketChannel ignored = TestPorts.listen("127.0.0.1", port)) {
            assertFalse(PortProbe.isFree(port));
        }
        assertTrue(PortProbe.isFree(port));
    }
}
