package dev.launch.ports;

import java.util.ArrayList;
import java.util.List;

/** A named block of {@code count} consecutive ports starting at {@code base} (ports.yaml). */
public record PortRange(String name, int base, int count) {
    public static final int MAX_PORT = 65535;

    /** The one test of a port number: 1-65535. */
    public static boolean isPort(long n) {
        return n >= 1 && n <= MAX_PORT;
    }

    public PortRange {
        if (!isPort(base)) {
            throw new IllegalArgumentException("base must be between 1 and 65535 (got " + base + ")");
        }
        if (count < 1 || !isPort((long) base + count - 1)) {
            throw new IllegalArgumentException("count must be at least 1 and end at or below 65535");
        }
    }

    public int last() {
        return base + count - 1;
    }

    public boolean contains(int port) {
        return port >= base && port <= last();
    }

    public boolean overlaps(PortRange other) {
        return base <= other.last() && other.base <= last();
    }

    public List<Integer> ports() {
        List<Integer> ports = new ArrayList<>(count);
        for (int p = base; p <= last(); p++) {
            ports.add(p);
        }
        return ports;
    }

    /** "5001-5004", or "5001" for a one-port range. */
    public String span() {
        return count == 1 ? Integer.toString(base) : base + "-" + last();
    }
}
