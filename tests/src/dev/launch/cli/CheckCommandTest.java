package dev.launch.cli;

import dev.launch.testing.Launcher;
import dev.launch.testing.TestPorts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @TempDir
    Path dir;

    /** `check` reads the registry (to name instances that hold a port): a state dir of the test's own. */
    private Launcher.Result check(String... args) {
        List<String> all = new ArrayList<>(List.of("check"));
        all.addAll(List.of(args));
        all.addAll(List.of("--state-dir", dir.resolve("state").toString()));
        return Launcher.inProcess(all.toArray(String[]::new));
    }

    @Test
    void allFreePortsPrintFreeAndExitZero() {
        int base = TestPorts.freeBlock(2);
        Launcher.Result r = check(Integer.toString(base), Integer.toString(base + 1));
        assertEquals(0, r.exit(), r.err());
        assertEquals(String.format("%-5d  free%n%-5d  free%n", base, base + 1), r.out());
    }

    @Test
    void busyPortPrintsWhereItListensAndWhoHoldsItAndExitsOne() throws Exception {
        int base = TestPorts.freeBlock(2);
        try (ServerSocketChannel ignored = TestPorts.listen("127.0.0.1", base + 1)) {
            Launcher.Result r = check(Integer.toString(base), Integer.toString(base + 1));
            assertEquals(1, r.exit(), r.err());
            String[] lines = r.out().split("\\R");
            assertEquals(String.format("%-5d  free", base), lines[0]);
            assertTrue(lines[1].startsWith(String.format("%-5d  busy  listening on 127.0.0.1 — pid %d (",
                    base + 1, ProcessHandle.current().pid())), lines[1]);
        }
    }

    @Test
    void jsonListsReasonsAndHolders() throws Exception {
        int port = TestPorts.freePort();
        try (ServerSocketChannel ignored = TestPorts.listen("127.0.0.1", port)) {
            Launcher.Result r = check("--json", Integer.toString(port));
            assertEquals(1, r.exit(), r.err());
            JsonNode array = new ObjectMapper().readTree(r.out());
            JsonNode o = array.get(0);
            assertEquals(port, o.get("port").asInt());
            assertEquals(false, o.get("free").asBoolean());
            assertTrue(o.get("reasons").toString().contains("listening on 127.0.0.1"), o.toString());
            assertEquals(ProcessHandle.current().pid(), o.get("holders").get(0).get("pid").asLong(), o.toString());
            assertTrue(o.get("holders").get(0).get("command").asText().contains("java"), o.toString());
        }
    }

    @Test
    void jsonForAFreePortHasNoReasonsNorHolders() throws Exception {
        int port = TestPorts.freePort();
        Launcher.Result r = check("--json", Integer.toString(port));
        assertEquals(0, r.exit(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out()).get(0);
        assertTrue(o.get("free").asBoolean());
        assertEquals(0, o.get("reasons").size());
        assertEquals(0, o.get("holders").size());
    }

    @Test
    void nonIntegerPortIsUsageErrorExitTwo() {
        Launcher.Result r = check("http");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().contains("PORT \"http\" is not a whole number"), r.err());
    }

    @Test
    void outOfRangePortIsUsageErrorExitTwo() {
        Launcher.Result r = check("20001", "70000");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals("launch: check: 70000 is not a port (expected 1-65535)", r.err().strip());
    }
}
