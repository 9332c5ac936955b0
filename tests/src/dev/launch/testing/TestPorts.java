package dev.launch.testing;

import dev.launch.util.Spawn;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one source of port numbers for tests: blocks inside the window of {@code LAUNCH_TEST_PORTS=LO-HI}
 * (default 20000-31999), chosen at random, checked free on 127.0.0.1, ::1 and 0.0.0.0 with the
 * tests' own bind probe (never the code under test), and not handed out twice in one run, so two
 * test runs given different windows never meet. Also listeners on chosen addresses, and the tests'
 * own answer to "does this machine have IPv6 loopback".
 */
public final class TestPorts {
    public static final String WINDOW_VAR = "LAUNCH_TEST_PORTS";
    public static final int DEFAULT_LOW = 20000;
    public static final int DEFAULT_HIGH = 31999;

    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static volatile Boolean ipv6;

    private TestPorts() {}

    /** The window as {low, high}, from LAUNCH_TEST_PORTS or the default. */
    public static int[] window() {
        String spec = System.getenv(WINDOW_VAR);
        if (spec == null || spec.isBlank()) {
            return new int[] {DEFAULT_LOW, DEFAULT_HIGH};
        }
        String[] parts = spec.trim().split("-");
        try {
            int low = Integer.parseInt(parts[0].trim());
            int high = Integer.parseInt(parts[1].trim());
            if (parts.length != 2 || low <= 20000 - 1 || high > 65535 || high - low < 100) {
                throw new NumberFormatException();
            }
            return new int[] {low, high};
        } catch (RuntimeException e) {
            throw new IllegalStateException(WINDOW_VAR + " must be LO-HI with 20000 <= LO, HI <= 65535 and at least 100 ports"
                    + " (got " + spec + ")");
        }
    }

    /** The first port of {@code count} consecutive ports inside the window that are free right now. */
    public static synchronized int freeBlock(int count) {
        int[] window = window();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(window[0], window[1] - count + 2);
            boolean ok = true;
            for (int p = base; p < base + count && ok; p++) {
                ok = !HANDED_OUT.contains(p) && isFree(p);
            }
            if (ok) {
                for (int p = base; p < base + count; p++) {
                    HANDED_OUT.add(p);
                }
                return base;
            }
        }
        throw new IllegalStateException("no free block of " + count + " ports in " + window[0] + "-" + window[1]
                + " (" + WINDOW_VAR + ")");
    }

    public static int freePort() {
        return freeBlock(1);
    }

    /** {@code count} free ports inside the window, not necessarily consecutive. */
    public static int[] freePorts(int count) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = freePort();
        }
        return ports;
    }

    /** Free by the tests' own probe: bindable on 127.0.0.1 and 0.0.0.0, and on ::1 where there is IPv6. */
    private static boolean isFree(int port) {
        return canBind("127.0.0.1", port) && canBind("0.0.0.0", port) && (!ipv6() || canBind("::1", port));
    }

    /** Never while this JVM spawns (util.Spawn): a child would keep the listener open for a while. */
    public static boolean canBind(String host, int port) {
        return Spawn.probing(() -> {
            try (ServerSocketChannel s = open(host)) {
                s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Whether ::1 can be bound here, decided by binding it (independently of PortProbe's own detection). */
    public static boolean ipv6() {
        Boolean known = ipv6;
        if (known == null) {
            try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET6)) {
                s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
                known = true;
            } catch (IOException | UnsupportedOperationException e) {
                known = false;
            }
            ipv6 = known;
        }
        return known;
    }

    /** A listener on exactly this address: IPv4 addresses in an IPv4 socket, so "0.0.0.0" is not [::]. */
    public static ServerSocketChannel listen(String host, int port) throws IOException {
        ServerSocketChannel channel = open(host);
        channel.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        return channel;
    }

    /** A java.net.ServerSocket on [::]: dual-stack, the JDK's default. */
    public static ServerSocket listenDualStack(int port) throws IOException {
        return new ServerSocket(port, 50, InetAddress.getByName("::"));
    }

    private static ServerSocketChannel open(String host) throws IOException {
        return ServerSocketChannel.open(InetAddress.getByName(host) instanceof Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
    }
}
