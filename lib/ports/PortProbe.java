package dev.launch.ports;

import dev.launch.util.Spawn;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Is a TCP port free, in the sense of docs/contract.md: nothing listens on it on 127.0.0.1 or ::1, and it
 * can be bound on 0.0.0.0, ::, 127.0.0.1 and ::1. An address family the machine lacks is skipped;
 * "permission denied" counts as busy (a reserved port).
 *
 * <p>Why both connect and bind: the JDK opens server sockets with SO_REUSEADDR (as Node, Python
 * and Go servers do, so a port in TIME_WAIT counts as free, as it is for them), and a dual-stack
 * bind to [::] alone can miss an IPv4-only listener; a connect-probe sees any listener, a bind
 * on each address separately sees sockets bound but not (yet) listening. The answer is a
 * snapshot: a port can be taken between the probe and its use. A bind listens for an instant, so it
 * is never made while this JVM spawns a process ({@link Spawn}): the child would keep the listener
 * open, and the next connect would find the port "busy" with our own socket.
 *
 * <p>Stateless and thread-safe; the address families are detected once per JVM.
 */
public final class PortProbe {
    /** How long a connect-probe waits; loopback answers (or refuses) in microseconds. */
    static final int CONNECT_TIMEOUT_MS = 200;

    /** One port's answer: free, or busy with every reason found, in probe order. */
    public record Probe(int port, boolean free, List<String> reasons) {
        public Probe {
            reasons = List.copyOf(reasons);
        }

        /** "listening on 127.0.0.1, ::1" when something listens, else the reasons joined by "; ". */
        public String summary() {
            List<String> listening = new ArrayList<>();
            for (String r : reasons) {
                if (r.startsWith(LISTENING)) {
                    listening.add(r.substring(LISTENING.length()));
                }
            }
            if (!listening.isEmpty()) {
                return LISTENING + String.join(", ", listening);
            }
            return String.join("; ", reasons);
        }
    }

    private static final String LISTENING = "listening on ";

    /** One address to connect-probe or bind, with the name shown in reasons. */
    private record Target(String name, InetAddress address, ProtocolFamily family) {}

    private static final class Families {
        static final boolean IPV4 = canBind("127.0.0.1");
        static final boolean IPV6 = canBind("::1");
        static final List<Target> CONNECT = targets(IPV4 ? "127.0.0.1" : null, IPV6 ? "::1" : null);
        static final List<Target> BIND = targets(
                IPV4 ? "0.0.0.0" : null, IPV6 ? "::" : null, IPV4 ? "127.0.0.1" : null, IPV6 ? "::1" : null);

        private static boolean canBind(String host) {
            InetAddress address = literal(host);
            return Spawn.probing(() -> { // it listens too, if only on a port the OS picks
                try (ServerSocketChannel s = ServerSocketChannel.open(familyOf(address))) {
                    s.bind(new InetSocketAddress(address, 0), 1);
                    return true;
                } catch (IOException | UnsupportedOperationException e) {
                    return false; // no such family here
                }
            });
        }

        private static List<Target> targets(String... hosts) {
            List<Target> list = new ArrayList<>();
            for (String host : hosts) {
                if (host != null) {
                    InetAddress address = literal(host);
                    list.add(new Target(host, address, familyOf(address)));
                }
            }
            return List.copyOf(list);
        }

        private static ProtocolFamily familyOf(InetAddress address) {
            return address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        }

        private static InetAddress literal(String host) {
            try {
                return InetAddress.getByName(host); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private PortProbe() {}

    /**
     * Detects the address families now. The first socket of a JVM costs ~10 ms (the JDK looks
     * through every jar of the classpath for a SelectorProvider); a short command can have that
     * done on another thread while it reads its config.
     */
    public static void prepare() {
        Families.BIND.size();
    }

    /** The fast answer: stops at the first sign of use. */
    public static boolean isFree(int port) {
        checkPort(port);
        for (Target t : Families.BIND) {
            if (bindProblem(t, port) != null) {
                return false;
            }
        }
        for (Target t : Families.CONNECT) {
            if (connectProblem(t, port) != null) {
                return false;
            }
        }
        return true;
    }

    /** True when something accepts connections on 127.0.0.1 or ::1 (status: "is it up?"). */
    public static boolean isListening(int port) {
        checkPort(port);
        for (Target t : Families.CONNECT) {
            String problem = connectProblem(t, port);
            if (problem != null && problem.startsWith(LISTENING)) {
                return true;
            }
        }
        return false;
    }

    /** The full answer: every check is run and every reason kept, for {@code check} and errors. */
    public static Probe probe(int port) {
        checkPort(port);
        List<String> reasons = new ArrayList<>();
        for (Target t : Families.CONNECT) {
            String problem = connectProblem(t, port);
            if (problem != null) {
                reasons.add(problem);
            }
        }
        for (Target t : Families.BIND) {
            String problem = bindProblem(t, port);
            if (problem != null) {
                reasons.add(problem);
            }
        }
        return new Probe(port, reasons.isEmpty(), reasons);
    }

    public static void checkPort(int port) {
        if (!PortRange.isPort(port)) {
            throw new IllegalArgumentException("port must be between 1 and 65535 (got " + port + ")");
        }
    }

    /**
     * Null when nothing answers on the address (connection refused), else why the port is busy.
     * Non-blocking: on loopback the answer is there as soon as connect returns, so the usual
     * cost is one connect and one finishConnect; a slow answer is polled up to the timeout.
     */
    private static String connectProblem(Target t, int port) {
        try (SocketChannel s = SocketChannel.open(t.family())) {
            s.configureBlocking(false);
            boolean connected = s.connect(new InetSocketAddress(t.address(), port));
            long deadline = System.nanoTime() + CONNECT_TIMEOUT_MS * 1_000_000L;
            while (!connected && !(connected = s.finishConnect())) {
                if (System.nanoTime() > deadline) {
                    // Loopback never drops a SYN unless a listener's backlog is full (or a firewall drops it).
                    return "no answer on " + t.name() + " within " + CONNECT_TIMEOUT_MS + " ms";
                }
                Thread.onSpinWait();
                LockSupport.parkNanos(100_000);
            }
            InetSocketAddress local = (InetSocketAddress) s.getLocalAddress();
            if (local.getPort() == port && local.getAddress().equals(t.address())) {
                return null; // TCP self-connect: the ephemeral port chosen was the probed one
            }
            return LISTENING + t.name();
        } catch (ConnectException e) {
            return null; // refused: nothing there
        } catch (IOException e) {
            return "cannot probe " + t.name() + ": " + e.getMessage();
        }
    }

    /**
     * Null when the address can be bound (and listened on) now, else why not. The channel is
     * opened in the target's own family: through a java.net.ServerSocket, "0.0.0.0" would
     * become a dual-stack [::] socket on an IPv6 machine. The JDK sets SO_REUSEADDR on Unix
     * (as servers do) and not on Windows (where it would let a bind steal a port).
     */
    private static String bindProblem(Target t, int port) {
        return Spawn.probing(() -> bindProblemNow(t, port)); // a child spawned now would keep the listener open
    }

    private static String bindProblemNow(Target t, int port) {
        try (ServerSocketChannel s = ServerSocketChannel.open(t.family())) {
            s.bind(new InetSocketAddress(t.address(), port), 1);
            return null;
        } catch (BindException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("Permission denied")) {
                return "permission denied on " + t.name() + " (reserved port)";
            }
            return "cannot bind " + t.name() + ": " + stripCall(msg);
        } catch (IOException e) {
            return "cannot bind " + t.name() + ": " + stripCall(String.valueOf(e.getMessage()));
        }
    }

    /** "Address already in use (Bind failed)" reads better as "Address already in use". */
    private static String stripCall(String msg) {
        int paren = msg.indexOf(" (");
        return paren > 0 ? msg.substring(0, paren) : msg;
    }
}
