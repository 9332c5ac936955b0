package dev.launch.config;

import dev.launch.ports.PortRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Legal but suspicious port choices: ports browsers refuse, and the OS's ephemeral range. */
public final class PortWarnings {
    /**
     * The "bad ports" of the Fetch standard, which Chrome and Firefox both refuse to connect to
     * (ERR_UNSAFE_PORT / "This address is restricted").
     */
    public static final Set<Integer> BROWSER_REFUSED = Set.of(
            1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95,
            101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161,
            179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563,
            587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060,
            5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080);

    private static final Path EPHEMERAL_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final PortRange LINUX_DEFAULT_EPHEMERAL = new PortRange("ephemeral", 32768, 60999 - 32768 + 1);
    private static final PortRange MACOS_DEFAULT_EPHEMERAL = new PortRange("ephemeral", 49152, 65535 - 49152 + 1);

    private PortWarnings() {}

    /** The range the OS hands out for outgoing connections: Linux's setting, else the OS's default (macOS 49152-65535). */
    public static PortRange ephemeralRange() {
        try {
            String[] parts = Files.readString(EPHEMERAL_FILE).strip().split("\\s+");
            int low = Integer.parseInt(parts[0]);
            int high = Integer.parseInt(parts[1]);
            return new PortRange("ephemeral", low, high - low + 1);
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.name", "").startsWith("Mac") ? MACOS_DEFAULT_EPHEMERAL : LINUX_DEFAULT_EPHEMERAL;
        }
    }

    /** The ports of {@code range} a browser refuses, in order. */
    public static List<Integer> browserRefused(PortRange range) {
        return range.ports().stream().filter(BROWSER_REFUSED::contains).collect(Collectors.toList());
    }

    /** Warnings for one range, as sentences; empty when nothing is suspicious. */
    public static List<String> about(PortRange range, PortRange ephemeral) {
        List<String> warnings = new java.util.ArrayList<>();
        if (range.overlaps(ephemeral)) {
            warnings.add(range.span() + " lies in the OS ephemeral port range " + ephemeral.span()
                    + ", from which outgoing connections take ports at random; pick a base below "
                    + ephemeral.base());
        }
        List<Integer> refused = browserRefused(range);
        if (!refused.isEmpty()) {
            String list = refused.stream().map(String::valueOf).collect(Collectors.joining(", "));
            warnings.add((refused.size() == 1 ? "port " + list + " is" : "ports " + list + " are")
                    + " refused by web browsers (ERR_UNSAFE_PORT), so a page cannot reach "
                    + (refused.size() == 1 ? "it" : "them"));
        }
        return warnings;
    }
}
