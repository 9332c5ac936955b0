package dev.launch.cli;

import dev.launch.proc.ProcessTree;
import dev.launch.registry.Registry;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestProject;
import dev.launch.util.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story of the README: three stacks of one profile started at once run side by side on three
 * blocks, a fourth is refused with exit 3, the env file belongs to one of them only, other shells
 * can ask (status, env), and stopping them all leaves nothing behind.
 */
class StacksSideBySideTest {
    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        LaunchedStack.killAll();
    }

    @Test
    void threeStacksRunOnThreeBlocksTheFourthIsRefusedAndStopAllLeavesNothing() throws Exception {
        TestProject project = new TestProject(dir);
        List<Integer> bases = project.withChain(3, 2, false);
        LaunchedStack.writeProfile(project, "");
        Files.writeString(dir.resolve("app.env"), "# the frontend's own settings\nDEBUG=1\n");

        List<LaunchedStack> stacks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stacks.add(LaunchedStack.start(project));
        }
        for (LaunchedStack s : stacks) {
            assertTrue(s.awaitUp(Duration.ofSeconds(60)), "not up: " + s.out + s.err);
        }
        Set<String> ids = new HashSet<>();
        Set<Integer> firstPorts = new HashSet<>();
        HttpClient http = HttpClient.newHttpClient();
        for (LaunchedStack s : stacks) {
            ids.add(s.id());
            Launcher.Result env = project.subprocess("env", s.id(), "--format", "json");
            assertEquals(0, env.exit(), env.err());
            JsonNode json = Json.mapper().readTree(env.out());
            int p0 = json.get("ports").get("p0").asInt();
            firstPorts.add(p0);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p0 + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
        }
        assertEquals(Set.of("app-1", "app-2", "app-3"), ids);
        assertEquals(Set.of(bases.get(0), bases.get(1), bases.get(2)), firstPorts);

        // Exactly one stack wrote the env file; the others said whose it is and what they would have written.
        String envFile = Files.readString(dir.resolve("app.env"));
        assertTrue(envFile.startsWith("# the frontend's own settings\nDEBUG=1\nWEB_URL=http://localhost:"), envFile);
        long warned = stacks.stream().filter(s -> String.join("\n", s.err).contains("belongs to running instance")).count();
        assertEquals(2, warned);

        LaunchedStack fourth = LaunchedStack.start(project);
        assertTrue(fourth.process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, fourth.process.exitValue(), String.join("\n", fourth.err));
        assertTrue(String.join("\n", fourth.err).contains("held by instance app-"), fourth.err.toString());

        Launcher.Result status = project.subprocess("status", "--json");
        JsonNode all = Json.mapper().readTree(status.out());
        assertEquals(3, all.size());
        for (JsonNode instance : all) {
            assertEquals("app", instance.get("profile").asText());
            assertTrue(instance.get("pid").asLong() > 0);
            assertEquals(2, instance.get("processes").size(), instance.toString());
            for (JsonNode p : instance.get("processes")) {
                assertEquals("ready", p.get("state").asText(), instance.toString());
            }
            for (JsonNode port : instance.get("portStates")) {
                assertTrue(port.get("listening").asBoolean(), instance.toString());
            }
        }
        List<String> tokens = new ArrayList<>();
        for (String id : ids) {
            tokens.add(Registry.read(project.state.resolve("instances/" + id + ".json")).runToken());
        }

        Launcher.Result stop = project.subprocess("stop", "--all");
        assertEquals(0, stop.exit(), stop.err());
        for (LaunchedStack s : stacks) {
            // stop returns once each launcher has exited; this JVM may reap it a moment later
            assertTrue(s.process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS), "launcher exited");
        }
        for (String token : tokens) {
            assertTrue(ProcessTree.byToken(token).isEmpty(), "left behind: " + ProcessTree.byToken(token));
        }
        assertEquals("# the frontend's own settings\nDEBUG=1\n", Files.readString(dir.resolve("app.env")));
        assertEquals("[ ]", project.subprocess("status", "--json").out().trim());
    }
}
