package dev.launch.cli;

import dev.launch.testing.Launcher;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `status --json`: the objects scripts read (instance, range, ports, profile, pid, processes); the table is StatusTest's. */
class StatusCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonListsEachInstanceWithItsRangeAndNamedPorts() throws Exception {
        TestProject project = new TestProject(dir);
        List<Integer> bases = project.withChain(2, 2, false);
        assertEquals(0, project.inProcess("ports", "app", "--lease", "1h").exit());
        assertEquals(0, project.inProcess("ports", "app", "--lease", "1h").exit());

        Launcher.Result r = project.inProcess("status", "--json");

        assertEquals(0, r.exit(), r.err());
        JsonNode all = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals(2, all.size(), r.out());
        for (int i = 0; i < 2; i++) {
            JsonNode o = all.get(i);
            assertEquals("app-" + (i + 1), o.get("instance").asText(), o.toString());
            assertEquals("app", o.get("profile").asText());
            assertEquals("R" + (char) ('A' + i), o.get("range").asText(), o.toString());
            assertEquals(bases.get(i).intValue(), o.get("ports").get("p0").asInt(), o.toString());
            assertEquals(bases.get(i) + 1, o.get("ports").get("p1").asInt(), o.toString());
            assertEquals(ProcessHandle.current().pid(), o.get("pid").asLong());
            assertTrue(o.get("processes").isArray() && o.get("processes").isEmpty(), o.toString());
        }
    }

    @Test
    void withNothingRunningJsonIsAnEmptyArrayAndTheTableSaysSoOnStderr() throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 1, false);
        Launcher.Result json = project.inProcess("status", "--json");
        assertEquals("[ ]", json.out().trim());
        Launcher.Result table = project.inProcess("status");
        assertEquals("", table.out());
        assertTrue(table.err().contains("no instances running"), table.err());
    }
}
