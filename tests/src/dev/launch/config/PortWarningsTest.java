package dev.launch.config;

import dev.launch.ports.PortRange;
import dev.launch.yaml.Problem;

import static dev.launch.testing.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortWarningsTest {
    @TempDir
    Path dir;

    private List<String> warnings(String yaml) {
        PortsConfig config = PortsConfigLoader.load(write(dir, "ports.yaml", yaml));
        return config.warnings().stream().map(Problem::toString).toList();
    }

    private String at(String rest) {
        return dir.resolve("ports.yaml") + ":" + rest;
    }

    @Test
    void overlappingRangesAreAWarningNamingBoth() {
        assertEquals(List.of(at("3:3: warning: ranges.B: overlaps range A (5003-5006 and 5001-5004); "
                        + "instances of the two may compete for the same ports")),
                warnings("""
                        ranges:
                          A: { base: 5001, count: 4 }
                          B: { base: 5003, count: 4 }
                          C: { base: 5005, count: 1 }
                        """).subList(0, 1));
    }

    @Test
    void everyOverlappingPairIsReported() {
        List<String> w = warnings("""
                ranges:
                  A: { base: 5001, count: 4 }
                  B: { base: 5003, count: 4 }
                  C: { base: 5005, count: 1 }
                """);
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(1).contains("ranges.C: overlaps range B (5005 and 5003-5006)"), w.toString());
    }

    @Test
    void rangeInTheEphemeralRangeIsAWarning() {
        PortRange eph = PortWarnings.ephemeralRange();
        int base = eph.base() + 10;
        assertEquals(List.of(at("2:3: warning: ranges.HIGH: " + base + "-" + (base + 3) + " lies in the OS ephemeral port range "
                        + eph.span() + ", from which outgoing connections take ports at random; pick a base below " + eph.base())),
                warnings("ranges:\n  HIGH: { base: " + base + ", count: 4 }\n"));
    }

    @Test
    void ephemeralRangeComesFromTheOsOrTheLinuxDefault() throws java.io.IOException {
        PortRange eph = PortWarnings.ephemeralRange();
        Path setting = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (java.nio.file.Files.exists(setting)) {
            String[] lowHigh;
            try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(setting)) {
                lowHigh = r.readLine().trim().split("\\s+");
            }
            assertEquals(lowHigh[0] + "-" + lowHigh[1], eph.span());
        } else {
            assertEquals("32768-60999", eph.span());
        }
    }

    @Test
    void portsBrowsersRefuseAreAWarning() {
        assertEquals(List.of(at("2:3: warning: ranges.SIP: ports 5060, 5061 are refused by web browsers "
                                + "(ERR_UNSAFE_PORT), so a page cannot reach them"),
                        at("3:3: warning: ranges.X11: port 6000 is refused by web browsers (ERR_UNSAFE_PORT), so a page cannot reach it")),
                warnings("""
                        ranges:
                          SIP: { base: 5058, count: 4 }
                          X11: { base: 5999, count: 2 }
                        """));
    }

    @Test
    void browserListIsTheFullFetchStandardList() {
        for (int port : new int[] {1, 7, 9, 22, 25, 53, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080}) {
            assertTrue(PortWarnings.BROWSER_REFUSED.contains(port), "missing " + port);
        }
        assertEquals(82, PortWarnings.BROWSER_REFUSED.size());
        assertTrue(!PortWarnings.BROWSER_REFUSED.contains(6001));
    }

    @Test
    void warningsAreNotErrors() {
        PortsConfig config = PortsConfigLoader.load(write(dir, "ports.yaml", "ranges:\n  X11: { base: 6000, count: 4 }\n"));
        assertEquals(new PortRange("X11", 6000, 4), config.ranges().get("X11"));
        assertEquals(1, config.warnings().size());
        assertTrue(!config.warnings().get(0).isError());
    }
}
