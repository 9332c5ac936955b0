package dev.launch.ui;

import dev.launch.testing.Cleanup;

import dev.launch.testing.Browser;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.Stack;
import dev.launch.testing.TestPorts;
import dev.launch.util.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The repository's dev-web profile, for real: two stacks side by side, each with the demo
 * services and the Vite app in app/ as a process on its own port. Each page, opened in
 * Chromium, calls its own instance's Alice, Bob and network simulator (HTTP and WebSocket).
 * Needs `npm ci` in app/ (.ci/run does it).
 */
class FrontendPerInstanceBrowserTest {
    private static final Path HOME = Path.of(System.getenv().getOrDefault("LAUNCH_HOME", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private ChromeDriver chrome;

    @AfterEach
    void tearDown() throws Exception {
        if (chrome != null) {
            chrome.quit();
        }
        Cleanup.endAll();
    }

    /** A ports.yaml whose WEB_* ranges (the names dev-web chains) are free blocks of 5 above 20000. */
    private Path config() throws Exception {
        StringBuilder yaml = new StringBuilder("ranges:\n");
        List<Integer> bases = new ArrayList<>();
        for (String name : List.of("WEB_DEVELOPMENT", "WEB_SECONDARY", "WEB_TERTIARY")) {
            int base;
            do {
                base = TestPorts.freeBlock(5);
            } while (overlaps(bases, base));
            bases.add(base);
            yaml.append("  ").append(name).append(": { base: ").append(base).append(", count: 5 }\n");
        }
        return Files.writeString(dir.resolve("ports.yaml"), yaml);
    }

    private static boolean overlaps(List<Integer> bases, int base) {
        return bases.stream().anyMatch(b -> Math.abs(b - base) < 6);
    }

    @Test
    @EnabledIf(value = "dev.launch.testing.Browser#availableOrRequired", disabledReason = Browser.SKIPPED)
    void eachInstancesPageTalksToItsOwnBackends() throws Exception {
        if (!Files.isDirectory(HOME.resolve("app/node_modules/vite"))) {
            fail("the Vite app's dependencies are missing: run `npm ci` in " + HOME.resolve("app"));
        }
        Path config = config();
        String[] common = {"--config", config.toString(), "--profiles", HOME.resolve("profiles").toString(),
                "--state-dir", dir.resolve("state").toString(), "--grace", "3s", "--no-color"};
        List<LaunchedStack> stacks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<String> args = new ArrayList<>(List.of("dev-web"));
            args.addAll(List.of(common));
            stacks.add(LaunchedStack.startIn(dir, args.toArray(String[]::new)));
        }
        for (LaunchedStack s : stacks) {
            assertTrue(s.awaitUp(Duration.ofMinutes(3)), "not up: " + s.out + s.err);
        }
        chrome = Browser.start(dir.resolve("chrome"));
        for (LaunchedStack s : stacks) {
            List<String> env = new ArrayList<>(List.of("env", s.id(), "--format", "json"));
            env.addAll(List.of(common).subList(0, 6));
            Launcher.Result r = Launcher.run(dir, Map.of(), env.toArray(String[]::new));
            assertEquals(0, r.exit(), r.err());
            JsonNode ports = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("ports");

            chrome.get("http://127.0.0.1:" + ports.get("web").asInt() + "/");
            for (String cell : List.of("alice", "bob", "network-http", "network-ws")) {
                boolean answered = Stack.eventually(Duration.ofSeconds(30), () ->
                        !"waiting".equals(chrome.findElement(By.id(cell + "-answer")).getDomAttribute("data-state")));
                assertTrue(answered, cell + " never answered on " + s.id() + "'s page");
                assertEquals("ok", chrome.findElement(By.id(cell + "-answer")).getDomAttribute("data-state"),
                        cell + ": " + chrome.findElement(By.id(cell + "-answer")).getText());
            }
            assertEquals("(" + s.id() + ")", chrome.findElement(By.id("instance")).getText());
            assertEquals("alice on port " + ports.get("alice").asInt() + " (instance " + s.id() + ")", text("alice-answer"));
            assertEquals("bob on port " + ports.get("bob").asInt() + " (instance " + s.id() + ")", text("bob-answer"));
            assertTrue(text("network-http-answer").endsWith("on port " + ports.get("networkHttp").asInt() + " (instance " + s.id() + ")"),
                    text("network-http-answer"));
            assertEquals("ws://localhost:" + ports.get("networkSimulator").asInt(), text("network-ws-url"));
            assertTrue(text("network-ws-answer").startsWith("connected"), text("network-ws-answer"));
        }
        for (LaunchedStack s : stacks) {
            assertEquals(143, s.stop(), s.errText());
        }
    }

    private String text(String id) {
        return chrome.findElement(By.id(id)).getText();
    }
}
