package dev.launch.api;

import dev.launch.project.Locations;
import dev.launch.config.PortsConfig;
import dev.launch.config.PortsConfigLoader;
import dev.launch.ports.PortProbe;
import dev.launch.ports.PortRange;
import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The port-finder library of the TypeScript original, for other JBang scripts. Every answer is
 * {@link PortProbe}'s: free on 127.0.0.1, ::1, 0.0.0.0 and :: alike. A snapshot, not a
 * reservation: for ports that no other launch instance may take, use the launcher itself.
 *
 * <pre>
 * ///usr/bin/env jbang "$0" "$@" ; exit $?
 * //SOURCES ../launch/lib/&#42;/&#42;.java
 * //DEPS info.picocli:picocli:4.7.7 org.yaml:snakeyaml:2.7 com.fasterxml.jackson.core:jackson-core:2.23.0
 * import dev.launch.api.Ports;
 * class Demo { public static void main(String... a) { System.out.println(Ports.findAvailablePorts(5001, 4)); } }
 * </pre>
 *
 * The //DEPS are launch.java's: {@link #portsForEnvironment(String)} reads ports.yaml with the
 * launcher's own loader.
 */
public final class Ports {
    /** The port names of the default {@code dev} profile, in block order. */
    public static final List<String> DEV_PORT_NAMES = List.of("alice", "bob", "networkSimulator", "networkHttp");

    private Ports() {}

    /** True when the port is free on every loopback and wildcard address (see {@link PortProbe}). */
    public static boolean isPortAvailable(int port) {
        return PortProbe.isFree(port);
    }

    /** The first free port at or above {@code base}; LaunchException (exit 3) when none up to 65535. */
    public static int findAvailablePort(int base) {
        return findAvailablePort(base, PortRange.MAX_PORT);
    }

    /** The first free port in {@code base..max}; LaunchException (exit 3) when there is none. */
    public static int findAvailablePort(int base, int max) {
        return findAvailablePorts(base, 1, max).get(0);
    }

    /**
     * The first block of {@code count} consecutive free ports at or above {@code base}. As in the
     * original, a busy port restarts the search just past it, so each port is probed about once.
     */
    public static List<Integer> findAvailablePorts(int base, int count) {
        return findAvailablePorts(base, count, PortRange.MAX_PORT);
    }

    /** The first block of {@code count} consecutive free ports within {@code base..max}. */
    public static List<Integer> findAvailablePorts(int base, int count, int max) {
        PortProbe.checkPort(base);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1 (got " + count + ")");
        }
        if (max < base || !PortRange.isPort(max)) {
            throw new IllegalArgumentException("max must be between " + base + " and 65535 (got " + max + ")");
        }
        int start = base;
        search:
        while (start + count - 1 <= max) {
            for (int i = 0; i < count; i++) {
                if (!PortProbe.isFree(start + i)) {
                    start = start + i + 1;
                    continue search;
                }
            }
            List<Integer> block = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                block.add(start + i);
            }
            return block;
        }
        String what = count == 1 ? "no free port" : "no " + count + " consecutive free ports";
        throw new LaunchException(ExitCode.NO_FREE_BLOCK, what + " between " + base + " and " + max);
    }

    /**
     * The original's getPortsForEnvironment: the ports of the default {@code dev} profile
     * (alice, bob, networkSimulator, networkHttp), found upward from the base of the named range
     * of ports.yaml ("secondary-dev" finds SECONDARY_DEV).
     */
    public static Map<String, Integer> portsForEnvironment(String name) {
        return portsForEnvironment(name, configuredRanges(), DEV_PORT_NAMES);
    }

    /**
     * Resolves {@code name} among {@code ranges} (trimmed, upper-cased, runs of dashes and spaces
     * as one underscore), finds the first free block of the range's size at or above its base,
     * and names its first ports with {@code names}, in order.
     */
    public static Map<String, Integer> portsForEnvironment(String name, Map<String, PortRange> ranges, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("names must not be empty");
        }
        String key = normalise(name);
        PortRange range = PortsConfig.lookup(ranges, name).orElseThrow(() -> LaunchException.usage("unknown port range \"" + name
                + "\" (expected one of " + String.join(", ", ranges.keySet()) + ")"));
        if (names.size() > range.count()) {
            throw new IllegalArgumentException("range " + key + " has " + range.count()
                    + " ports, fewer than the " + names.size() + " names " + names);
        }
        List<Integer> block = findAvailablePorts(range.base(), range.count());
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            ports.put(names.get(i), block.get(i));
        }
        return ports;
    }

    /** "secondary-dev " -> "SECONDARY_DEV", as the original resolved environment names. */
    static String normalise(String name) {
        return PortsConfig.normalise(name);
    }

    /** ports.yaml in the working directory, else beside launch.java (LAUNCH_HOME). */
    private static Map<String, PortRange> configuredRanges() {
        java.nio.file.Path local = java.nio.file.Path.of("ports.yaml");
        java.nio.file.Path file = java.nio.file.Files.exists(local) ? local : Locations.home().resolve("ports.yaml");
        return PortsConfigLoader.load(file).ranges();
    }
}
