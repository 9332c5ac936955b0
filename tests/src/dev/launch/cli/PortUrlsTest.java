package dev.launch.cli;

import dev.launch.testing.Cleanup;

import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** ports.urls decide how the banner and status show a port; the default is http://localhost:PORT/. */
@ExtendWith(Cleanup.class)
class PortUrlsTest {
    @TempDir
    Path dir;

    @Test
    void aWebSocketPortIsShownByItsUrlInTheBannerAndStatus() throws Exception {
        TestProject project = new TestProject(dir);
        List<Integer> bases = project.withChain(1, 2, false);
        LaunchedStack.writeEnvFileProfile(project, "app.env", "  urls: { p1: \"ws://localhost:${ports.p1}/live\" }\n");
        LaunchedStack s = LaunchedStack.start(project);
        assertTrue(s.awaitUp(Duration.ofSeconds(60)), s.errText());
        int p0 = bases.get(0);
        int p1 = p0 + 1;
        assertTrue(s.out.stream().anyMatch(l -> l.matches("\\s+p0\\s+http://localhost:" + p0 + "/\\s+P0_PORT=" + p0)), s.out.toString());
        assertTrue(s.out.stream().anyMatch(l -> l.matches("\\s+p1\\s+ws://localhost:" + p1 + "/live\\s+P1_PORT=" + p1)), s.out.toString());

        JsonNode instance = new com.fasterxml.jackson.databind.ObjectMapper().readTree(project.subprocess("status", "--json").out()).get(0);
        assertEquals("http://localhost:" + p0 + "/", instance.get("portStates").get(0).get("url").asText());
        assertEquals("ws://localhost:" + p1 + "/live", instance.get("portStates").get(1).get("url").asText());
        assertEquals("ws://localhost:" + p1 + "/live", instance.get("urls").get("p1").asText());
        assertEquals(143, s.stop());
    }

    @Test
    void aUrlThatRendersToSomethingNoPageCanShowIsAClearErrorAndReservesNothing() throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 2, false);
        LaunchedStack.writeEnvFileProfile(project, "app.env", "  urls: { p1: \"http://${env.URL_HOST}:${ports.p1}/\" }\n");

        Launcher.Result r = Launcher.within(Duration.ofSeconds(30), dir, Map.of("URL_HOST", "local host"), project.args("ports", "app"));

        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("ports.urls.p1 of profile app renders to \"http://local host:"), r.err());
        assertTrue(r.err().contains("holds spaces or control characters"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        try (var entries = java.nio.file.Files.list(project.state.resolve("instances"))) {
            assertEquals(List.of(), entries.filter(f -> f.toString().endsWith(".json")).toList());
        } catch (java.nio.file.NoSuchFileException e) {
            // no registry at all: nothing reserved either
        }
    }
}
