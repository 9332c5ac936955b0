package dev.launch.ports;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Port holders as Linux's /proc tells them: /proc/net/tcp and tcp6 give the socket inodes bound
 * to a port (LISTEN, or bound and not listening), /proc/PID/fd links name the processes holding
 * those inodes. A socket whose holder cannot be seen (another user's) gets pid -1.
 */
final class ProcNetTcp {
    private static final Path PROC = Path.of("/proc");
    private static final String LISTEN = "0A";
    private static final String CLOSE = "07"; // bound, not listening (nor connected)

    /** One socket of /proc/net/tcp*: its inode, owner uid, and "127.0.0.1:5002" / "[::1]:5002". */
    private record ProcSocket(int port, long inode, int uid, String address) {}

    private ProcNetTcp() {}

    static Map<Integer, List<PortHolder>> holders(Set<Integer> ports) {
        List<ProcSocket> sockets = new ArrayList<>();
        readTable(PROC.resolve("net/tcp"), false, ports, sockets);
        readTable(PROC.resolve("net/tcp6"), true, ports, sockets);
        Map<Integer, List<PortHolder>> result = new LinkedHashMap<>();
        if (sockets.isEmpty()) {
            return result;
        }
        Map<Long, List<Long>> pidsByInode = pidsByInode(sockets);
        int myUid = currentUid();
        for (ProcSocket s : sockets) {
            List<PortHolder> holders = result.computeIfAbsent(s.port(), p -> new ArrayList<>());
            List<Long> pids = pidsByInode.getOrDefault(s.inode(), List.of());
            if (pids.isEmpty()) {
                String who = myUid >= 0 && s.uid() != myUid
                        ? "held by another user's process (uid " + s.uid() + ")"
                        : "unknown process";
                holders.add(new PortHolder(-1, who, s.address()));
            }
            for (long pid : pids) {
                holders.add(new PortHolder(pid, ProcessCommand.of(pid), s.address()));
            }
        }
        result.replaceAll((port, holders) -> List.copyOf(new LinkedHashSet<>(holders)));
        return result;
    }

    private static void readTable(Path table, boolean v6, Set<Integer> ports, List<ProcSocket> out) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return; // no /proc, or no IPv6
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 10 || !(f[3].equals(LISTEN) || f[3].equals(CLOSE))) {
                continue;
            }
            int colon = f[1].indexOf(':');
            int port = Integer.parseInt(f[1].substring(colon + 1), 16);
            long inode = Long.parseLong(f[9]);
            if (!ports.contains(port) || inode == 0) {
                continue;
            }
            String host = hexAddress(f[1].substring(0, colon), v6);
            String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            if (f[3].equals(CLOSE)) {
                address += " (bound, not listening)";
            }
            out.add(new ProcSocket(port, inode, Integer.parseInt(f[7]), address));
        }
    }

    /** /proc/net/tcp prints each 32-bit word of the address in host byte order. */
    static String hexAddress(String hex, boolean v6) {
        byte[] b = new byte[hex.length() / 2];
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int word = 0; word < b.length / 4; word++) {
            for (int j = 0; j < 4; j++) {
                int src = word * 8 + (little ? (3 - j) : j) * 2;
                b[word * 4 + j] = (byte) Integer.parseInt(hex.substring(src, src + 2), 16);
            }
        }
        try {
            InetAddress address = InetAddress.getByAddress(b); // v4-mapped: Inet4Address
            return address instanceof Inet6Address ? compress(address.getHostAddress()) : address.getHostAddress();
        } catch (UnknownHostException e) {
            return hex;
        }
    }

    /** "0:0:0:0:0:0:0:1" -> "::1": the longest run of two or more zero groups becomes "::". */
    static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    private static Map<Long, List<Long>> pidsByInode(List<ProcSocket> sockets) {
        Map<String, Long> wanted = new LinkedHashMap<>();
        for (ProcSocket s : sockets) {
            wanted.put("socket:[" + s.inode() + "]", s.inode());
        }
        Map<Long, List<Long>> result = new LinkedHashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        Long inode = wanted.get(readLink(fd));
                        if (inode != null) {
                            List<Long> pids = result.computeIfAbsent(inode, k -> new ArrayList<>());
                            if (!pids.contains(pid)) {
                                pids.add(pid);
                            }
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // another user's process, or one that just exited
                }
            }
        } catch (IOException e) {
            return result;
        }
        return result;
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static int currentUid() {
        try {
            Object uid = Files.getAttribute(PROC.resolve("self"), "unix:uid");
            return (Integer) uid;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
