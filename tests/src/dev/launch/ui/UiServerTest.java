package dev.launch.ui;

import dev.launch.registry.Instance;
import dev.launch.util.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiServerTest {
    @TempDir
    Path dir;
    UiFixture stacks;
    UiServer server;
    UiClient client;

    @BeforeEach
    void setUp() throws Exception {
        stacks = new UiFixture(dir);
        server = stacks.server();
        client = UiClient.signedIn(server);
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        stacks.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.get(path);
    }

    private JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
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
    void showsTheEmptyStateAndServesTheModulesOfThePage() throws Exception {
        assertEquals("[]", get("/api/instances").body());
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("no instances — start one with <code>./jbang launch.java dev</code>"));
        assertFalse(page.body().contains(client.cookie.substring(client.cookie.indexOf('=') + 1)), "no secret in the page");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        for (String asset : new String[] {"/app.js", "/cards.js", "/logs.js", "/util.js", "/style.css"}) {
            assertEquals(200, get(asset).statusCode(), asset);
        }
        assertEquals(404, get("/nothing").statusCode());
    }

    @Test
    void stoppingNeedsPostTheSessionAndOurOwnOrigin() throws Exception {
        stacks.start("dev-1", 0, UiFixture.readyStack());
        Process owner = stacks.owners.get("dev-1");
        String stop = "/api/instances/dev-1/stop";
        String ownOrigin = client.ownOrigin();

        HttpResponse<String> viaGet = get(stop);
        assertEquals(405, viaGet.statusCode());
        assertEquals("POST", viaGet.headers().firstValue("Allow").orElse(""));
        assertEquals(403, client.anonymous().post(stop, ownOrigin).statusCode());
        assertEquals(403, client.post(stop, "http://evil.example").statusCode());
        assertEquals(403, client.post(stop, "http://127.0.0.1:" + (server.port() == 65535 ? 1 : server.port() + 1)).statusCode());
        assertEquals(403, client.post(stop, "http://localhost:" + (server.port() == 65535 ? 1 : server.port() + 1)).statusCode());
        assertEquals(403, client.post(stop, "null").statusCode());
        assertTrue(owner.isAlive(), "a refused request must not stop anything");
        assertEquals(404, client.post("/api/instances/dev-9/stop", ownOrigin).statusCode());

        HttpResponse<String> ok = client.post(stop, "http://localhost:" + server.port());
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(owner.waitFor(5, TimeUnit.SECONDS), "the instance's launcher got SIGTERM and ended");
        assertEquals("[]", get("/api/instances").body());
    }

    @Test
    void answersOnlyToItsOwnHostNameAndOnlyOnLoopback() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: rebound.example:" + server.port() + "\r\nCookie: " + client.cookie
                    + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 403 Forbidden", status);
        }
        Optional<InetAddress> external = externalAddress();
        if (external.isPresent()) {
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(external.get(), server.port()), 2000);
                }
            }, "reachable on " + external.get());
        }
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
        HttpResponse<Stream<String>> events = client.lines("/api/events");
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
    void liveViewsAreCappedAndTheRestOfThePageStillAnswers() throws Exception {
        List<HttpResponse<Stream<String>>> open = new ArrayList<>();
        try {
            for (int n = 0; n < UiServer.MAX_STREAMS; n++) {
                HttpResponse<Stream<String>> events = client.lines("/api/events");
                assertEquals(200, events.statusCode(), "stream " + n);
                open.add(events);
            }
            HttpResponse<String> refused = get("/api/events");
            assertEquals(503, refused.statusCode());
            assertTrue(refused.body().contains("too many live views"), refused.body());
            assertEquals(200, get("/api/instances").statusCode(), "ordinary requests still get a thread");
        } finally {
            open.forEach(r -> r.body().close());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int status;
        do {
            Thread.sleep(200);
            HttpResponse<Stream<String>> again = client.lines("/api/events");
            status = again.statusCode();
            again.body().close();
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status, "a closed view gives its place back");
    }
}
