package dev.launch.run;

import dev.launch.testing.Cleanup;

import dev.launch.testing.TestPorts;

import dev.launch.cli.Version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The demo services of the dev profile, run for real as {@code java profiles/services/X.java}. */
@ExtendWith(Cleanup.class)
class DemoServicesTest {
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path logs;

    @Test
    void backendAnswersItsRoleInstanceAndEveryPortAsJson() throws Exception {
        int[] ports = TestPorts.freePorts(2);
        Process p = start("Backend", Map.of("PORT", "" + ports[0], "DEVICE_ID", "alice", "LAUNCH_INSTANCE", "dev-7",
                "ALICE_PORT", "" + ports[0], "BOB_PORT", "" + ports[1]));
        awaitHttp(p, ports[0]);

        HttpResponse<String> r = get(ports[0], "/");
        assertEquals(200, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("alice", body.get("role").asText());
        assertEquals("dev-7", body.get("instance").asText());
        assertEquals(ports[0], body.get("port").asInt());
        assertEquals(ports[0], body.get("ports").get("ALICE_PORT").asInt());
        assertEquals(ports[1], body.get("ports").get("BOB_PORT").asInt());
        assertEquals(p.pid(), body.get("pid").asLong());
        assertEquals("ok\n", get(ports[0], "/health").body());
        assertTrue(stdout(p).contains("alice listening on http://127.0.0.1:" + ports[0] + "/"), stdout(p));
    }

    @Test
    void backendSpeaksPlainHttpHeadWithoutABodyOtherMethods405AndUnknownPaths404() throws Exception {
        int port = TestPorts.freePorts(1)[0];
        Process p = start("Backend", Map.of("PORT", "" + port, "ROLE", "bob"));
        awaitHttp(p, port);

        try (java.net.Socket raw = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            raw.getOutputStream().write("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String head = new String(raw.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(head.startsWith("HTTP/1.1 200 ") && head.contains("\r\nContent-Length: 3\r\n") && head.endsWith("\r\n\r\n"),
                    "the head of GET's answer and no body: " + head);
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(4_000_000))).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("method not allowed\n", post.body());
        HttpResponse<String> missing = get(port, "/nope?x=1");
        assertEquals(404, missing.statusCode());
        assertEquals("*", missing.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("ok\n", get(port, "/health?probe=1").body());
        assertTrue(get(port, "/").headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(stdout(p).contains("bob GET /nope?x=1 404"), stdout(p));
    }

    @Test
    void backendStopsWithinSecondsOnSigterm() throws Exception {
        int port = TestPorts.freePorts(1)[0];
        Process p = start("Backend", Map.of("PORT", "" + port, "ROLE", "bob"));
        awaitHttp(p, port);
        p.destroy();
        assertTrue(p.waitFor(5, TimeUnit.SECONDS), "still running 5 s after SIGTERM");
        assertTrue(stdout(p).contains("bob stopping"), stdout(p));
    }

    @Test
    void backendOnATakenPortExitsNonZeroWithOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(TestPorts.freePorts(1)[0], 1, InetAddress.getLoopbackAddress())) {
            Process p = start("Backend", Map.of("PORT", "" + taken.getLocalPort(), "DEVICE_ID", "alice"));
            assertTrue(p.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS), "did not exit");
            assertEquals(1, p.exitValue());
            String err = stderr(p);
            assertTrue(err.contains("alice: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": port is already in use"), err);
            assertFalse(err.contains("Exception"), err);
        }
    }

    @Test
    void backendWithFailAfterMsExitsWithOneAfterAnswering() throws Exception {
        int port = TestPorts.freePorts(1)[0];
        Process p = start("Backend", Map.of("PORT", "" + port, "FAIL_AFTER_MS", "1500"));
        awaitHttp(p, port);
        assertTrue(p.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS), "did not fail on purpose");
        assertEquals(1, p.exitValue());
        assertTrue(stderr(p).contains("FAIL_AFTER_MS"), stderr(p));
    }

    @Test
    void networkSimEchoesOverARealWebSocketAndCountsItsClients() throws Exception {
        int[] ports = TestPorts.freePorts(2);
        int ws = ports[0];
        int api = ports[1];
        Process p = start("NetworkSim", Map.of("WS_PORT", "" + ws, "HTTP_PORT", "" + api, "TICK_MS", "200",
                "LAUNCH_INSTANCE", "dev-2", "NETWORK_SIMULATOR_PORT", "" + ws, "NETWORK_HTTP_PORT", "" + api));
        awaitHttp(p, api);

        JsonNode info = JSON.readTree(get(api, "/").body());
        assertEquals("network-simulator", info.get("role").asText());
        assertEquals("dev-2", info.get("instance").asText());
        assertEquals(ws, info.get("ports").get("NETWORK_SIMULATOR_PORT").asInt());
        assertEquals(api, info.get("ports").get("NETWORK_HTTP_PORT").asInt());
        assertEquals(0, info.get("clients").asInt());

        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + ws + "/"), new Collector(received))
                .get(10, TimeUnit.SECONDS);
        try {
            socket.sendText("hello \u2603", true).get(5, TimeUnit.SECONDS);
            assertEquals("echo: hello \u2603", next(received, m -> m.startsWith("echo: ")));
            assertNotNull(next(received, m -> m.startsWith("tick ")));
            assertEquals(1, JSON.readTree(get(api, "/").body()).get("clients").asInt());
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }

        p.destroy();
        assertTrue(p.waitFor(5, TimeUnit.SECONDS), "still running 5 s after SIGTERM");
        assertTrue(stdout(p).contains("network-simulator listening on http://127.0.0.1:" + api + "/"), stdout(p));
        assertTrue(stdout(p).contains("network-simulator received: hello"), stdout(p));
    }

    @Test
    void networkSimApiAnswersHealthUnknownPaths404AndARequestWithABody() throws Exception {
        int[] ports = TestPorts.freePorts(2);
        Process p = start("NetworkSim", Map.of("WS_PORT", "" + ports[0], "HTTP_PORT", "" + ports[1]));
        awaitHttp(p, ports[1]);
        assertEquals(404, get(ports[1], "/nope").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[1] + "/health"))
                .POST(HttpRequest.BodyPublishers.ofString("y".repeat(4_000_000))).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("ok\n", post.body());
        assertEquals("*", post.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }

    @Test
    void networkSimAnswersAPlainHttpRequestOnItsWebSocketPortWith426() throws Exception {
        int[] ports = TestPorts.freePorts(2);
        Process p = start("NetworkSim", Map.of("WS_PORT", "" + ports[0], "HTTP_PORT", "" + ports[1]));
        awaitHttp(p, ports[1]);
        assertEquals(426, get(ports[0], "/").statusCode());
    }

    /** Collects whole text messages; the JDK hands them over in parts. */
    private record Collector(BlockingQueue<String> received, StringBuilder partial) implements WebSocket.Listener {
        Collector(BlockingQueue<String> received) {
            this(received, new StringBuilder());
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    private static String next(BlockingQueue<String> queue, java.util.function.Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String m = queue.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && wanted.test(m)) {
                return m;
            }
        }
        return fail("no matching WebSocket message within 5 s");
    }

    private Process start(String service, Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path home = Path.of(System.getenv().getOrDefault("LAUNCH_HOME", ".."));
        ProcessBuilder pb = new ProcessBuilder(java, "profiles/services/" + service + ".java").directory(home.toFile());
        pb.environment().keySet().removeIf(k -> k.endsWith("_PORT") || k.equals("PORT") || k.equals("HOST"));
        pb.environment().putAll(env);
        int n = started.size();
        pb.redirectOutput(logs.resolve(n + ".out").toFile()).redirectError(logs.resolve(n + ".err").toFile());
        Process p = pb.start();
        started.add(Cleanup.launcher(p, null));
        return p;
    }

    private String stdout(Process p) throws IOException {
        return Files.readString(logs.resolve(started.indexOf(p) + ".out"));
    }

    private String stderr(Process p) throws IOException {
        return Files.readString(logs.resolve(started.indexOf(p) + ".err"));
    }

    /** Polls {@code GET /health} until it answers 200; fails early with the service's stderr if it died. */
    private void awaitHttp(Process p, int port) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("service exited with " + p.exitValue() + " before answering: " + stderr(p));
            }
            try {
                if (get(port, "/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        fail("service did not answer on port " + port + " within " + STARTUP.toSeconds() + " s: " + stderr(p));
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
