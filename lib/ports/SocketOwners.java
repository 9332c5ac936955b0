package dev.launch.ports;

import dev.launch.util.Platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Who owns the client end of a loopback TCP connection: the uid of the socket whose local
 * address is {@code client} and whose peer is {@code server}. On Linux that is the uid column
 * of its row in /proc/net/tcp or tcp6 (a Java or dual-stack client shows there as
 * ::ffff:127.0.0.1); the portable way (macOS, LAUNCH_PORTABLE=1) asks lsof. Empty when the OS
 * does not say: lsof as a plain user cannot see other users' sockets, and a caller that admits
 * only its own uid then refuses, as it should.
 */
public final class SocketOwners {
    private static final String TIME_WAIT = "06";

    private SocketOwners() {}

    /** The uid owning the socket connected from {@code client} to {@code server}, both numeric addresses. */
    public static OptionalLong uidOf(InetSocketAddress client, InetSocketAddress server) {
        String from = key(client.getAddress().getHostAddress(), client.getPort());
        String to = key(server.getAddress().getHostAddress(), server.getPort());
        if (Platform.portable()) {
            return fromLsof(client.getPort(), from, to);
        }
        OptionalLong uid = fromProc(Path.of("/proc/net/tcp"), false, from, to);
        return uid.isPresent() ? uid : fromProc(Path.of("/proc/net/tcp6"), true, from, to);
    }

    /**
     * A row "sl local remote st ... uid timeout inode": the live socket (not a TIME_WAIT leftover,
     * which belongs to nobody and shows uid 0) from {@code from} to {@code to}.
     */
    private static OptionalLong fromProc(Path table, boolean v6, String from, String to) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        String fromPort = hexPort(from);
        String toPort = hexPort(to);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 10 || f[3].equals(TIME_WAIT) || f[9].equals("0") || !f[1].endsWith(fromPort) || !f[2].endsWith(toPort)) {
                continue;
            }
            if (procKey(f[1], v6).equals(from) && procKey(f[2], v6).equals(to)) {
                return OptionalLong.of(Long.parseLong(f[7]));
            }
        }
        return OptionalLong.empty();
    }

    /** ":1F90" for "...:8080": how the table writes a port (four upper-case hex digits). */
    private static String hexPort(String key) {
        return String.format(":%04X", Integer.parseInt(key.substring(key.lastIndexOf(':') + 1)));
    }

    private static String procKey(String hexAddressAndPort, boolean v6) {
        int colon = hexAddressAndPort.indexOf(':');
        return key(ProcNetTcp.hexAddress(hexAddressAndPort.substring(0, colon), v6),
                Integer.parseInt(hexAddressAndPort.substring(colon + 1), 16));
    }

    /**
     * {@code lsof -nP -iTCP@127.0.0.1:PORT -Fpun} lists both ends of the connection, each under
     * its process: "p4242", "u501", "n127.0.0.1:PORT->127.0.0.1:SERVER". The client end is the
     * one whose own address comes first.
     */
    private static OptionalLong fromLsof(int clientPort, String from, String to) {
        String host = from.substring(0, from.lastIndexOf(':'));
        long uid = -1;
        for (String line : Platform.run("lsof", "-nP", "-iTCP@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + clientPort, "-Fpun")) {
            if (line.startsWith("p")) {
                uid = -1;
            } else if (line.startsWith("u")) {
                uid = Long.parseLong(line.substring(1));
            } else if (line.startsWith("n") && uid >= 0) {
                String[] ends = line.substring(1).split("->");
                if (ends.length == 2 && lsofKey(ends[0]).equals(from) && lsofKey(ends[1]).equals(to)) {
                    return OptionalLong.of(uid);
                }
            }
        }
        return OptionalLong.empty();
    }

    /** "127.0.0.1:5002", "[::1]:5002" or "[::ffff:127.0.0.1]:5002" as {@link #key} writes it. */
    private static String lsofKey(String end) {
        int colon = end.lastIndexOf(':');
        String host = end.substring(0, colon).replace("[", "").replace("]", "");
        if (host.startsWith("::ffff:") && host.indexOf('.') > 0) {
            host = host.substring("::ffff:".length());
        }
        try {
            return key(java.net.InetAddress.getByName(host).getHostAddress(), Integer.parseInt(end.substring(colon + 1)));
        } catch (java.net.UnknownHostException | NumberFormatException e) {
            return end;
        }
    }

    /** One spelling for an address and port: IPv6 in full form, as InetAddress prints it. */
    private static String key(String host, int port) {
        if (host.contains(":")) {
            try {
                host = java.net.InetAddress.getByName(host).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                // keep it as given
            }
        }
        return host + ":" + port;
    }
}
