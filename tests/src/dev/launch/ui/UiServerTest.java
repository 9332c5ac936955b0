package dev.launch.ui;

import dev.launch.testing.Cleanup;

import dev.launch.registry.RangeStates;
import dev.launch.config.PortsConfigLoader;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestPorts;
import dev.launch.util.ExitCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.channels.ServerSocketChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(Cleanup.class)
class UiServerTest {
    @TempDir
    Path dir;
    UiFixture stacks;
    UiServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() throws IOException {
        stacks = Cleanup.close(new UiFixture(dir));
        server = Cleanup.close(UiServer.start(stacks.registry, () -> RangeStates.rows(PortsConfigLoader.load(stacks.project.config),
                stacks.registry.locked(Registry.Session::holders)), 0, new PrintWriter(new StringWriter(), true)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header(UiServer.TOKEN_HEADER, token);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }

    @Test
    void listsEachLiveInstanceWithItsPortsAndWhetherEachListens() throws Exception {
        Instance one = stacks.start("dev-1", 0, UiFixture.readyStack());
        stacks.start("dev-2", 1, UiFixture.readyStack());
        stacks.closePort(one.ports().get("bob"));

        HttpResponse<String> response = get("/api/instances");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode all = json(response);
        assertEquals(2, all.size(), response.body());
        JsonNode first = all.get(0);
        assertEquals("dev-1", first.path("instance").asText());
        assertEquals("dev", first.path("profile").asText());
        assertEquals(stacks.owners.get("dev-1").pid(), first.path("pid").asLong());
        assertEquals("./jbang launch.java env dev-1", first.path("envCommand").asText());
        assertTrue(first.path("uptimeSeconds").asLong() >= 70, response.body());
        assertEquals(3, first.path("processes").size());
        assertEquals(1, first.path("envFiles").size());
        for (JsonNode port : first.path("portStates")) {
            boolean expected = !port.path("name").asText().equals("bob");
            assertEquals(expected, port.path("listening").asBoolean(), port.toString());
            assertEquals("http://localhost:" + port.path("port").asInt() + "/", port.path("url").asText());
        }
        JsonNode ranges = json(get("/api/ranges"));
        assertEquals("held", ranges.get(0).path("state").asText(), ranges.toString());
        assertEquals("dev-1", ranges.get(0).path("heldBy").get(0).asText());
        assertEquals("free", ranges.get(2).path("state").asText(), ranges.toString());
    }

    @Test
    void showsTheEmptyStateAndCarriesTheTokenOnlyInThePage() throws Exception {
        assertEquals("[]", get("/api/instances").body());
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<meta name=\"launch-token\" content=\"" + server.token() + "\">"), page.body());
        assertTrue(page.body().contains("no instances — start one with <code>./jbang launch.java dev</code>"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        assertEquals(200, get("/app.js").statusCode());
        assertEquals(200, get("/style.css").statusCode());
        assertEquals(404, get("/nothing").statusCode());
        assertFalse(get("/api/instances").body().contains(server.token()));
    }

    @Test
    void stoppingNeedsPostThisRunsTokenAndOurOwnOrigin() throws Exception {
        stacks.start("dev-1", 0, UiFixture.readyStack());
        Process owner = stacks.owners.get("dev-1");
        String stop = "/api/instances/dev-1/stop";
        String ownOrigin = "http://127.0.0.1:" + server.port();

        HttpResponse<String> viaGet = get(stop);
        assertEquals(405, viaGet.statusCode());
        assertEquals("POST", viaGet.headers().firstValue("Allow").orElse(""));
        assertEquals(403, post(stop, null, ownOrigin).statusCode());
        assertEquals(403, post(stop, "0123456789abcdef", ownOrigin).statusCode());
        assertEquals(403, post(stop, server.token(), "http://evil.example").statusCode());
        assertEquals(403, post(stop, server.token(), "http://127.0.0.1:" + (server.port() == 65535 ? 1 : server.port() + 1)).statusCode());
        assertEquals(403, post(stop, server.token(), "null").statusCode());
        assertTrue(owner.isAlive(), "a refused request must not stop anything");
        assertEquals(404, post("/api/instances/dev-9/stop", server.token(), ownOrigin).statusCode());

        HttpResponse<String> ok = post(stop, server.token(), ownOrigin);
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(owner.waitFor(5, TimeUnit.SECONDS), "the instance's launcher got SIGTERM and ended");
        assertEquals("[]", get("/api/instances").body());
    }

    @Test
    void answersOnlyToItsOwnHostName() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: rebound.example:" + server.port() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 403 Forbidden", status);
        }
    }

    @Test
    void cannotBeReachedOnAnExternalAddress() throws Exception {
        Optional<InetAddress> external = externalAddress();
        org.junit.jupiter.api.Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
        assertThrows(IOException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(external.get(), server.port()), 2000);
            }
        }, "reachable on " + external.get());
    }

    private static Optional<InetAddress> externalAddress() throws IOException {
        try (Stream<NetworkInterface> nics = NetworkInterface.networkInterfaces()) {
            return nics.flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .findFirst();
        }
    }

    @Test
    void eventsPushAChangeWithinASecond() throws Exception {
        HttpResponse<Stream<String>> events = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/events")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals("text/event-stream; charset=utf-8", events.headers().firstValue("Content-Type").orElse(""));
        Iterator<String> lines = events.body().filter(l -> l.startsWith("data: ")).iterator();
        assertEquals("data: []", lines.next());
        long before = System.nanoTime();
        stacks.start("dev-1", 0, UiFixture.readyStack());
        String next = lines.next();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        assertTrue(next.contains("\"instance\":\"dev-1\""), next);
        assertTrue(millis < 1500, "took " + millis + " ms");
        events.body().close();
    }

    @Test
    void aSecondUiReusesTheFirstAndSaysSo() throws Exception {
        Process first = Launcher.processBuilder(stacks.project.root, java.util.Map.of(), stacks.project.args("ui"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Cleanup.launcher(first, stacks.project.state);
        try {
            String url = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(url != null && url.matches("http://127\\.0\\.0\\.1:\\d+/"), "first ui printed " + url);

            Launcher.Result second = stacks.project.inProcess("ui");
            assertEquals(0, second.exit(), second.err());
            assertEquals(url, second.out().trim());
            assertTrue(second.err().contains("already running (pid " + first.pid() + "); reusing it"), second.err());
            assertTrue(Files.exists(stacks.project.state.resolve("ui.json")));
        } finally {
            first.destroy();
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(stacks.project.state.resolve("ui.json")), "Ctrl-C/SIGTERM removes the ui record");
    }

    @Test
    void takesTheFirstFreePortOfTheUiRange() throws Exception {
        int base = TestPorts.freeBlock(3);
        Files.writeString(stacks.project.config, Files.readString(stacks.project.config)
                + "  UI: { base: " + base + ", count: 3 }\n");
        try (ServerSocketChannel busy = TestPorts.listen("127.0.0.1", base)) {
            Process ui = Launcher.processBuilder(stacks.project.root, java.util.Map.of(), stacks.project.args("ui"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Cleanup.launcher(ui, stacks.project.state);
            try {
                String url = new BufferedReader(new InputStreamReader(ui.getInputStream(), StandardCharsets.UTF_8)).readLine();
                assertEquals("http://127.0.0.1:" + (base + 1) + "/", url);
            } finally {
                ui.destroy();
                ui.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aBusyExplicitPortIsAClearError() throws Exception {
        int port = TestPorts.freePort();
        try (ServerSocketChannel busy = TestPorts.listen("127.0.0.1", port)) {
            Launcher.Result r = stacks.project.inProcess("ui", "--port", Integer.toString(port));
            assertEquals(ExitCode.FAILURE, r.exit(), r.err());
            assertTrue(r.err().startsWith("launch: port " + port + " is busy"), r.err());
        }
        assertEquals(ExitCode.USAGE, stacks.project.inProcess("ui", "--port", "70000").exit());
    }
}
