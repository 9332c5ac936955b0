package dev.launch.ports;

import dev.launch.util.Platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Port holders as {@code ss} and {@code lsof} tell them: where /proc names nobody, or is missing (macOS). */
final class OwnerTools {
    private OwnerTools() {}

    /** {@code lsof -Fpcn}: "p4242", "cpython3", "n127.0.0.1:5002" per listening socket. Own processes only, unless root. */
    static Map<Integer, List<PortHolder>> fromLsof(Set<Integer> ports) {
        StringBuilder spec = new StringBuilder("-iTCP:");
        for (int port : ports) {
            spec.append(spec.length() > 6 ? "," : "").append(port);
        }
        Map<Integer, List<PortHolder>> result = new LinkedHashMap<>();
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
                    int port = portOf(value);
                    if (!ports.contains(port)) {
                        continue;
                    }
                    String address = shown(value);
                    String cmd = pid > 0 ? ProcessCommand.of(pid) : "unknown";
                    PortHolder h = new PortHolder(pid, cmd.equals("unknown") ? name : cmd, address);
                    List<PortHolder> holders = result.computeIfAbsent(port, p -> new ArrayList<>());
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

    private static final Pattern SS_USER = Pattern.compile("\\(\"((?:[^\"\\\\]|\\\\.)*)\",pid=(\\d+)");

    /** {@code ss -ltnpH}: "LISTEN 0 5 127.0.0.1:5002 0.0.0.0:* users:(("python3",pid=4242,fd=3))". */
    static Map<Integer, List<PortHolder>> fromSs(Set<Integer> ports) {
        Map<Integer, List<PortHolder>> result = new LinkedHashMap<>();
        for (String line : Platform.run("ss", "-ltnpH")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5) {
                continue;
            }
            int port = portOf(f[3]);
            if (!ports.contains(port)) {
                continue;
            }
            String address = shown(f[3]);
            List<PortHolder> holders = result.computeIfAbsent(port, p -> new ArrayList<>());
            Matcher m = SS_USER.matcher(line);
            boolean any = false;
            while (m.find()) {
                long pid = Long.parseLong(m.group(2));
                String cmd = ProcessCommand.of(pid);
                holders.add(new PortHolder(pid, cmd.equals("unknown") ? m.group(1) : cmd, address));
                any = true;
            }
            if (!any) {
                holders.add(new PortHolder(-1, "unknown process", address));
            }
        }
        return result;
    }

    /** The port of "127.0.0.1:5002", "[::1]:5002" or "*:5002"; -1 when there is none. */
    private static int portOf(String local) {
        try {
            return Integer.parseInt(local.substring(local.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** "*:5002" (every address) as "[::]:5002", as /proc shows it. */
    private static String shown(String local) {
        return local.startsWith("*:") ? "[::]" + local.substring(1) : local;
    }
}
