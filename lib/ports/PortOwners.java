package dev.launch.ports;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.launch.util.Platform;

/**
 * Who holds a TCP port, where the OS tells. On Linux: /proc/net/tcp and tcp6 give the socket
 * inodes bound to the port (LISTEN, or bound and not listening), /proc/PID/fd links name the
 * processes holding those inodes. When /proc is missing or names nobody, {@code ss -ltnpH} is
 * asked, then {@code lsof}; the portable way (macOS, LAUNCH_PORTABLE=1) asks lsof alone. Other users' processes are only visible to root: such a holder is reported with pid -1
 * and a command saying so. An empty list means the OS told nothing.
 */
public final class PortOwners {
    /** A process holding the port; {@code pid} is -1 when the OS does not say which one. */
    public record Holder(long pid, String command, String address) {
        public boolean known() {
            return pid > 0;
        }

        /** "pid 4242 (python3 -m http.server 5002)", or the command alone when the pid is unknown. */
        public String describe() {
            return known() ? "pid " + pid + " (" + command + ")" : command;
        }
    }

    private static final Path PROC = Path.of("/proc");
    private static final String LISTEN = "0A";
    private static final String CLOSE = "07"; // bound, not listening (nor connected)
    private static final int MAX_COMMAND = 200;

    /** One socket of /proc/net/tcp*: its inode, owner uid, and "127.0.0.1:5002" / "[::1]:5002". */
    private record ProcSocket(int port, long inode, int uid, String address) {}

    private PortOwners() {}

    /** The holders of one port; empty when unknown. */
    public static List<Holder> of(int port) {
        return of(List.of(port)).getOrDefault(port, List.of());
    }

    /** The holders of each port (ports nobody holds are absent), with one scan of /proc. */
    public static Map<Integer, List<Holder>> of(Collection<Integer> ports) {
        Set<Integer> wanted = new LinkedHashSet<>(ports);
        for (int port : wanted) {
            PortProbe.checkPort(port);
        }
        if (Platform.portable()) {
            return fromLsof(wanted);
        }
        Map<Integer, List<Holder>> found = fromProc(wanted);
        if (found.isEmpty()) {
            found = fromSs(wanted);
        }
        if (found.isEmpty()) {
            found = fromLsof(wanted);
        }
        return found;
    }

    private static Map<Integer, List<Holder>> fromProc(Set<Integer> ports) {
        List<ProcSocket> sockets = new ArrayList<>();
        readTable(PROC.resolve("net/tcp"), false, ports, sockets);
        readTable(PROC.resolve("net/tcp6"), true, ports, sockets);
        Map<Integer, List<Holder>> result = new LinkedHashMap<>();
        if (sockets.isEmpty()) {
            return result;
        }
        Map<Long, List<Long>> pidsByInode = pidsByInode(sockets);
        int myUid = currentUid();
        for (ProcSocket s : sockets) {
            List<Holder> holders = result.computeIfAbsent(s.port(), p -> new ArrayList<>());
            List<Long> pids = pidsByInode.getOrDefault(s.inode(), List.of());
            if (pids.isEmpty()) {
                String who = myUid >= 0 && s.uid() != myUid
                        ? "held by another user's process (uid " + s.uid() + ")"
                        : "unknown process";
                holders.add(new Holder(-1, who, s.address()));
            }
            for (long pid : pids) {
                holders.add(new Holder(pid, command(pid), s.address()));
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
            java.net.InetAddress address = java.net.InetAddress.getByAddress(b); // v4-mapped: Inet4Address
            return address instanceof java.net.Inet6Address ? compress(address.getHostAddress()) : address.getHostAddress();
        } catch (java.net.UnknownHostException e) {
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
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
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

    /** The command line of a process (NULs as spaces), else its name, else "unknown". */
    static String command(long pid) {
        if (Platform.portable()) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine().or(() -> h.info().command()))
                    .map(PortOwners::shorten).orElse("unknown");
        }
        Path dir = PROC.resolve(Long.toString(pid));
        try {
            byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
            String line = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            if (!line.isEmpty()) {
                return shorten(line);
            }
            return Files.readString(dir.resolve("comm")).trim();
        } catch (IOException e) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("unknown");
        }
    }

    private static String shorten(String line) {
        return line.length() > MAX_COMMAND ? line.substring(0, MAX_COMMAND - 1) + "…" : line;
    }

    /** {@code lsof -Fpcn}: "p4242", "cpython3", "n127.0.0.1:5002" per listening socket. Own processes only, unless root. */
    private static Map<Integer, List<Holder>> fromLsof(Set<Integer> ports) {
        StringBuilder spec = new StringBuilder("-iTCP:");
        for (int port : ports) {
            spec.append(spec.length() > 6 ? "," : "").append(port);
        }
        Map<Integer, List<Holder>> result = new LinkedHashMap<>();
        long pid = -1;
        String name = "unknown process";
        for (String line : Platform.run("lsof", "-nP", spec.toString(), "-sTCP:LISTEN", "-Fpcn")) {
            if (line.isEmpty()) {
                continue;
            }
            String value = line.substring(1);
            switch (line.charAt(0)) {
                case 'p' -> {
                    pid = Long.parseLong(value);
                    name = "unknown process";
                }
                case 'c' -> name = value;
                case 'n' -> {
                    int colon = value.lastIndexOf(':');
                    int port;
                    try {
                        port = Integer.parseInt(value.substring(colon + 1));
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    if (!ports.contains(port)) {
                        continue;
                    }
                    String address = value.startsWith("*:") ? "[::]" + value.substring(1) : value;
                    String cmd = pid > 0 ? command(pid) : "unknown";
                    Holder h = new Holder(pid, cmd.equals("unknown") ? name : cmd, address);
                    List<Holder> holders = result.computeIfAbsent(port, p -> new ArrayList<>());
                    if (!holders.contains(h)) {
                        holders.add(h);
                    }
                }
                default -> {
                    // other fields (f: file descriptor) are not needed
                }
            }
        }
        return result;
    }

    private static int currentUid() {
        try {
            Object uid = Files.getAttribute(PROC.resolve("self"), "unix:uid");
            return (Integer) uid;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    private static final Pattern SS_USER = Pattern.compile("\\(\"((?:[^\"\\\\]|\\\\.)*)\",pid=(\\d+)");

    /** {@code ss -ltnpH}: "LISTEN 0 5 127.0.0.1:5002 0.0.0.0:* users:(("python3",pid=4242,fd=3))". */
    private static Map<Integer, List<Holder>> fromSs(Set<Integer> ports) {
        Map<Integer, List<Holder>> result = new LinkedHashMap<>();
        for (String line : run("ss", "-ltnpH")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5) {
                continue;
            }
            String local = f[3];
            int colon = local.lastIndexOf(':');
            int port;
            try {
                port = Integer.parseInt(local.substring(colon + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (!ports.contains(port)) {
                continue;
            }
            String address = local.startsWith("*:") ? "[::]" + local.substring(1) : local;
            List<Holder> holders = result.computeIfAbsent(port, p -> new ArrayList<>());
            Matcher m = SS_USER.matcher(line);
            boolean any = false;
            while (m.find()) {
                long pid = Long.parseLong(m.group(2));
                String cmd = command(pid);
                holders.add(new Holder(pid, cmd.equals("unknown") ? m.group(1) : cmd, address));
                any = true;
            }
            if (!any) {
                holders.add(new Holder(-1, "unknown process", address));
            }
        }
        return result;
    }

    private static List<String> run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return List.of();
            }
            return out.lines().toList();
        } catch (IOException e) {
            return List.of(); // no ss on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
