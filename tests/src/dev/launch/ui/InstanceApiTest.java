package dev.launch.ui;

import dev.launch.testing.Cleanup;

import dev.launch.config.PortsConfigLoader;
import dev.launch.registry.RangeStates;
import dev.launch.registry.Registry;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.LiveStack;
import dev.launch.testing.Stack;
import dev.launch.testing.TestProject;
import dev.launch.util.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The web API of a running instance's logs and processes, with real HTTP against a real launcher. */
@ExtendWith(Cleanup.class)
class InstanceApiTest {
    @TempDir
    Path dir;
    UiServer server;
    String cookie;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private LaunchedStack up(TestProject project) throws Exception {
        LaunchedStack stack = LiveStack.up(project);
        Registry registry = new Registry(project.state, new PrintWriter(new StringWriter(), true));
        server = UiServer.start(registry, () -> RangeStates.rows(PortsConfigLoader.load(project.config),
                registry.locked(Registry.Session::holders)), 0, new PrintWriter(new StringWriter(), true));
        cookie = UiClient.signedIn(server).cookie;
        return stack;
    }

    /** What the page sends with a state-changing request (kept in one place for when the session rules change). */
    private HttpRequest.Builder asThePage(HttpRequest.Builder b) {
        return b.header("Cookie", cookie).header("Origin", server.url().replaceAll("/$", ""));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, boolean asPage) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).POST(HttpRequest.BodyPublishers.noBody());
        return http.send((asPage ? asThePage(b) : b).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void logsAreTheLinesAsLogsPrintsThemForOneOrMoreProcesses() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = up(project);
        String id = stack.id();
        assertTrue(dev.launch.testing.Stack.eventually(java.time.Duration.ofSeconds(10), () -> stack.out.stream().anyMatch(l -> l.endsWith("| tick 3"))),
                "the ticker has printed three lines");

        HttpResponse<String> ticker = get("/api/instances/" + id + "/logs?process=ticker&lines=3");
        HttpResponse<String> two = get("/api/instances/" + id + "/logs?process=talker&process=stubborn");

        assertEquals(200, ticker.statusCode());
        assertTrue(ticker.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        List<String> lines = ticker.body().lines().toList();
        assertEquals(3, lines.size(), ticker.body());
        assertTrue(lines.stream().allMatch(l -> l.matches("ticker   \\| tick \\d+")), ticker.body());
        assertTrue(two.body().lines().anyMatch(l -> l.startsWith("talker   | hello from talker")), two.body());
        assertTrue(two.body().lines().anyMatch(l -> l.equals("stubborn | stubborn up")), two.body());
        assertTrue(two.body().lines().noneMatch(l -> l.startsWith("ticker")), two.body());
        assertEquals(project.subprocess("logs", id, "talker", "stubborn").out(), two.body(), "the same lines as the logs command");
        assertEquals(404, get("/api/instances/" + id + "/logs?process=tikcer").statusCode());
        assertEquals(404, get("/api/instances/nope-1/logs").statusCode());
    }

    @Test
    void theLogStreamSendsTheLastLinesThenEachNewOneAsAnEvent() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = up(project);
        String id = stack.id();
        List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/instances/" + id
                + "/logs/stream?process=ticker&lines=2")).header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("data: {\"")) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> m = (Map<String, Object>) Json.read(line.substring(6));
                        events.add(m);
                    }
                }
            } catch (Exception e) {
                // closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();

        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> events.size() >= 6), events.toString());
        int first = Integer.parseInt(String.valueOf(events.get(0).get("text")).substring(5));
        for (int i = 0; i < 6; i++) {
            assertEquals("ticker", events.get(i).get("process"));
            assertEquals("tick " + (first + i), events.get(i).get("text"), "each line once, in order: " + events);
            assertEquals("ticker   | tick " + (first + i), events.get(i).get("line"));
        }
        response.body().close();
    }

    @Test
    void processActionsGoThroughTheLauncherAndNeedThePage() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = up(project);
        String id = stack.id();

        assertEquals(403, post("/api/instances/" + id + "/processes/talker/restart", false).statusCode());
        HttpResponse<String> restart = post("/api/instances/" + id + "/processes/talker/restart", true);
        HttpResponse<String> stop = post("/api/instances/" + id + "/processes/ticker/stop", true);
        HttpResponse<String> unknown = post("/api/instances/" + id + "/processes/tikcer/start", true);

        assertEquals(200, restart.statusCode(), restart.body());
        assertEquals(Map.of("ok", true, "message", "talker is ready again"), Json.read(restart.body()));
        assertEquals(Map.of("ok", true, "message", "ticker is stopped"), Json.read(stop.body()));
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("did you mean \\\"ticker\\\"?"), unknown.body());
        assertTrue(stack.err.stream().anyMatch(l -> l.equals("launch: restarting talker (asked by the web page)")), String.join("\n", stack.err));
        assertEquals(405, get("/api/instances/" + id + "/processes/ticker/start").statusCode());
        HttpResponse<String> start = post("/api/instances/" + id + "/processes/ticker/start", true);
        assertEquals(Map.of("ok", true, "message", "ticker is ready"), Json.read(start.body()));
    }

    @Test
    void stoppingTheInstanceFromThePageIsNamedInItsTerminal() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = up(project);

        HttpResponse<String> stop = post("/api/instances/" + stack.id() + "/stop", true);

        assertEquals(200, stop.statusCode(), stop.body());
        assertTrue(stack.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(143, stack.process.exitValue());
        int named = indexOf(stack.err, "launch: stop requested by the web page");
        assertTrue(named >= 0 && named < indexOf(stack.err, "launch: stopping "), String.join("\n", stack.err));
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
