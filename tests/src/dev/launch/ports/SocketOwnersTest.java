package dev.launch.ports;

import dev.launch.testing.TestPorts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The owner of a connection's client end, from /proc/net/tcp* or (LAUNCH_PORTABLE=1) lsof. */
class SocketOwnersTest {
    private static final long ME = new UnixSystem().getUid();

    @Test
    void anIpv4ClientOfThisJvmIsOurs() throws Exception {
        int port = TestPorts.freePort();
        try (ServerSocketChannel server = TestPorts.listen("127.0.0.1", port);
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET)) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            try (SocketChannel accepted = server.accept()) {
                assertEquals(OptionalLong.of(ME), owner(accepted));
            }
        }
    }

    @Test
    void aDualStackClientIsFoundAsItsIpv4Address() throws Exception {
        int port = TestPorts.freePort();
        try (ServerSocketChannel server = TestPorts.listen("127.0.0.1", port);
             Socket client = new Socket("127.0.0.1", port);
             SocketChannel accepted = server.accept()) {
            assertEquals(OptionalLong.of(ME), owner(accepted), "client " + client.getLocalSocketAddress());
        }
    }

    @Test
    void noSuchConnectionHasNoOwner() throws Exception {
        int port = TestPorts.freePort();
        try (ServerSocketChannel server = TestPorts.listen("127.0.0.1", port);
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET)) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            try (SocketChannel accepted = server.accept()) {
                InetSocketAddress from = (InetSocketAddress) accepted.getRemoteAddress();
                InetSocketAddress otherPort = new InetSocketAddress(from.getAddress(), from.getPort() == 65535 ? 65534 : from.getPort() + 1);
                assertEquals(OptionalLong.empty(), SocketOwners.uidOf(otherPort, (InetSocketAddress) accepted.getLocalAddress()));
            }
        }
    }

    /** Another user's client (user nobody, through setpriv; needs root) is reported as theirs. */
    @Test
    void anotherUsersClientIsTheirs() throws Exception {
        assumeTrue(ME == 0 && Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/curl")),
                "needs root, setpriv and curl to connect as user nobody");
        int port = TestPorts.freePort();
        try (ServerSocketChannel server = TestPorts.listen("127.0.0.1", port)) {
            Process curl = new ProcessBuilder("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                    "curl", "-s", "--max-time", "20", "http://127.0.0.1:" + port + "/")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (SocketChannel accepted = server.accept()) {
                assertEquals(OptionalLong.of(65534), owner(accepted));
            } finally {
                curl.destroy();
                assertTrue(curl.waitFor(10, TimeUnit.SECONDS));
            }
        }
    }

    private static OptionalLong owner(SocketChannel accepted) throws Exception {
        return SocketOwners.uidOf((InetSocketAddress) accepted.getRemoteAddress(), (InetSocketAddress) accepted.getLocalAddress());
    }
}
