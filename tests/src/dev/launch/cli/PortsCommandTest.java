package dev.launch.cli;

import dev.launch.testing.Launcher;
import dev.launch.testing.TestPorts;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.channels.ServerSocketChannel;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsCommandTest {
    @TempDir
    Path dir;
    TestProject project;
    List<Integer> bases;

    @BeforeEach
    void setUp() throws Exception {
        project = new TestProject(dir);
        bases = project.withChain(3, 4, false);
    }

    @Test
    void printsOneExportPerPortNameAndNothingElseOnStdout() {
        Launcher.Result r = project.inProcess("ports", "app");
        assertEquals(0, r.exit(), r.err());
        int b = bases.get(0);
        assertEquals("export P0_PORT=" + b + "\nexport P1_PORT=" + (b + 1) + "\nexport P2_PORT=" + (b + 2)
                + "\nexport P3_PORT=" + (b + 3) + "\n", r.out());
        assertTrue(r.err().contains("Using RA ports " + b + "-" + (b + 3)), r.err());
    }

    @Test
    void fallsBackToSecondaryRangeWhenPrimaryIsBusy() throws Exception {
        try (ServerSocketChannel busy = TestPorts.listen("127.0.0.1", bases.get(0) + 2)) {
            Launcher.Result r = project.inProcess("ports", "app", "--lease", "0");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("export P0_PORT=" + bases.get(1) + "\n"), r.out());
            assertTrue(r.err().contains("skipped RA " + bases.get(0) + "-" + (bases.get(0) + 3) + ": " + (bases.get(0) + 2) + " busy"), r.err());
        }
    }

    @Test
    void fallsBackToThirdRangeWhenTheFirstTwoAreBusyOnDifferentFamilies() throws Exception {
        try (ServerSocketChannel v4 = TestPorts.listen("127.0.0.1", bases.get(0));
             ServerSocketChannel v6 = TestPorts.listen("::1", bases.get(1) + 3)) {
            Launcher.Result r = project.inProcess("ports", "app", "--lease", "0");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("export P0_PORT=" + bases.get(2) + "\n"), r.out());
        }
    }

    @Test
    void exitsThreeNamingEveryRangeAndWhyWhenNothingIsFree() throws Exception {
        try (ServerSocketChannel a = TestPorts.listen("127.0.0.1", bases.get(0));
             ServerSocketChannel b = TestPorts.listen("0.0.0.0", bases.get(1) + 1)) {
            assertEquals(0, project.inProcess("ports", "app", "--range", "RC").exit());
            Launcher.Result r = project.inProcess("ports", "app");
            assertEquals(3, r.exit(), r.err());
            assertEquals("", r.out());
            assertTrue(r.err().contains("no free block of 4 ports in any of the ranges RA, RB, RC:"), r.err());
            assertTrue(r.err().contains("RA " + bases.get(0) + "-" + (bases.get(0) + 3) + ": " + bases.get(0) + " busy (listening on 127.0.0.1"), r.err());
            assertTrue(r.err().contains("RB " + bases.get(1) + "-" + (bases.get(1) + 3) + ": " + (bases.get(1) + 1) + " busy"), r.err());
            assertTrue(r.err().contains("RC " + bases.get(2) + "-" + (bases.get(2) + 3) + ": held by instance app-1"), r.err());
            assertTrue(r.err().contains("Stop an instance"), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void backToBackCallsGetDifferentBlocksWhileTheLeaseHolds() {
        Launcher.Result first = project.inProcess("ports", "app");
        Launcher.Result second = project.inProcess("ports", "app");
        assertTrue(first.out().contains("P0_PORT=" + bases.get(0)), first.out());
        assertTrue(second.out().contains("P0_PORT=" + bases.get(1)), second.out());
    }

    @Test
    void anExpiredLeaseFreesItsBlock() throws Exception {
        assertEquals(0, project.inProcess("ports", "app", "--lease", "300ms").exit());
        Thread.sleep(400);
        Launcher.Result again = project.inProcess("ports", "app");
        assertTrue(again.out().contains("P0_PORT=" + bases.get(0)), again.out());
    }

    @Test
    void aMalformedDurationIsAUsageErrorNamingTheOption() {
        Launcher.Result r = project.inProcess("ports", "app", "--lease", "soon");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--lease") && r.err().contains("expected a duration like 500ms, 5s, 2m or 1h"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void leaseZeroReservesNothing() {
        project.inProcess("ports", "app", "--lease", "0");
        Launcher.Result again = project.inProcess("ports", "app", "--lease", "0");
        assertTrue(again.out().contains("P0_PORT=" + bases.get(0)), again.out());
    }

    @Test
    void rangeOptionForcesThatRangeAndIgnoresTheChain() {
        Launcher.Result r = project.inProcess("ports", "app", "--range", "RB", "--lease", "0");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("export P0_PORT=" + bases.get(1)), r.out());
    }

    @Test
    void unknownRangeIsAUsageErrorWithASuggestion() {
        Launcher.Result r = project.inProcess("ports", "app", "--range", "RX");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("unknown range RX"), r.err());
    }

    @Test
    void jsonFormatPrintsInstanceRangeAndPorts() throws Exception {
        Launcher.Result r = project.inProcess("ports", "app", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals("app-1", json.get("instance").asText());
        assertEquals("RA", json.get("range").asText());
        assertEquals(bases.get(0) + 3, json.get("ports").get("p3").asInt());
    }

    @Test
    void aLeaseShowsInStatusWithTheCheckoutItWasTakenFrom() throws Exception {
        assertEquals(0, project.inProcess("ports", "app").exit());
        Launcher.Result status = project.inProcess("status", "--json");
        assertEquals(0, status.exit(), status.err());
        JsonNode lease = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out()).get(0);
        assertEquals("app-1", lease.get("instance").asText(), status.out());
        assertEquals(dir.toAbsolutePath().normalize().toString(), lease.get("cwd").asText(), status.out());
    }

    @Test
    void dotenvFormatPrintsPlainAssignments() {
        Launcher.Result r = project.inProcess("ports", "app", "--format", "dotenv", "--lease", "0");
        assertTrue(r.out().startsWith("P0_PORT=" + bases.get(0) + "\n"), r.out());
    }

    @Test
    void scanFindsAFreeBlockAboveTheChainWhenEveryRangeIsTaken() throws Exception {
        int base = project.withChain(1, 4, true).get(0);
        try (ServerSocketChannel busy = TestPorts.listen("127.0.0.1", base + 1)) {
            // The scan goes upward from the range's base: the first block of 4 after the busy port, by the tests' own probe.
            int expected = base + 2;
            while (!java.util.stream.IntStream.range(expected, expected + 4).allMatch(p -> TestPorts.canBind("127.0.0.1", p)
                    && TestPorts.canBind("0.0.0.0", p) && (!TestPorts.ipv6() || TestPorts.canBind("::1", p)))) {
                expected++;
            }
            Launcher.Result r = project.inProcess("ports", "app", "--format", "json", "--lease", "0");
            assertEquals(0, r.exit(), r.err());
            JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
            assertEquals("scan", json.get("range").asText());
            assertEquals(expected, json.get("ports").get("p0").asInt(), r.out());
        }
    }
}
