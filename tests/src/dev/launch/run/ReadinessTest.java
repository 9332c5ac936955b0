package dev.launch.run;

import dev.launch.testing.Cleanup;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.launch.testing.TestPorts;

import dev.launch.config.Profile;
import dev.launch.testing.Stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ExtendWith(Cleanup.class)
class ReadinessTest {
    @Test
    void tcpPassesWhenLoopbackAccepts() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            assertNull(Readiness.tcp(Integer.toString(s.getLocalPort())));
        }
        int free = TestPorts.freePort();
        assertEquals("nothing accepts connections on port " + free, Readiness.tcp(Integer.toString(free)));
    }

    @Test
    void tcpPassesOnIpv6LoopbackToo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestPorts.ipv6(), "no IPv6 loopback on this machine");
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getByName("::1"))) {
            assertNull(Readiness.tcp(Integer.toString(s.getLocalPort())));
        }
    }

    @Test
    void httpPassesOn2xxAnd3xxAndFailsOn5xx() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", x -> { x.sendResponseHeaders(204, -1); x.close(); });
        server.createContext("/moved", x -> { x.getResponseHeaders().add("Location", "/ok"); x.sendResponseHeaders(302, -1); x.close(); });
        server.createContext("/broken", x -> { x.sendResponseHeaders(503, -1); x.close(); });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertNull(Readiness.http(base + "/ok"));
            assertNull(Readiness.http(base + "/moved"));
            assertEquals(base + "/broken answered 503", Readiness.http(base + "/broken"));
        } finally {
            server.stop(0);
        }
        String nobody = "http://127.0.0.1:" + TestPorts.freePort() + "/";
        assertEquals("no answer on " + nobody, Readiness.http(nobody));
    }

    /** A server on a plain socket that answers each connection with {@code answer} and keeps what it was asked. */
    private static ServerSocket rawServer(String answer, java.util.List<String> asked) throws Exception {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (java.net.Socket s = server.accept()) {
                    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                            java.nio.charset.StandardCharsets.ISO_8859_1));
                    StringBuilder head = new StringBuilder();
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        head.append(line).append('\n');
                    }
                    asked.add(head.toString());
                    s.getOutputStream().write(answer.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                } catch (java.io.IOException e) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void httpAsksForThePathAndQueryOfTheUrlWithItsHost() throws Exception {
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket s = rawServer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", asked)) {
            String authority = "127.0.0.1:" + s.getLocalPort();
            assertNull(Readiness.http("http://" + authority + "/health?deep=1&x=%20"));
            assertNull(Readiness.http("http://" + authority));
            assertEquals(2, asked.size());
            assertTrue(asked.get(0).startsWith("GET /health?deep=1&x=%20 HTTP/1.1\n"), asked.get(0));
            assertTrue(asked.get(0).contains("\nHost: " + authority + "\n"), asked.get(0));
            assertTrue(asked.get(1).startsWith("GET / HTTP/1.1\n"), asked.get(1));
        }
    }

    @Test
    void httpLooksPastInterimAnswersAndRefusesWhatIsNotHttp() throws Exception {
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket s = rawServer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                + "HTTP/1.1 503 Service Unavailable\r\n\r\n", asked)) {
            String url = "http://127.0.0.1:" + s.getLocalPort() + "/";
            assertEquals(url + " answered 503", Readiness.http(url));
        }
        try (ServerSocket s = rawServer("SSH-2.0-OpenSSH_9.2\r\n", asked)) {
            String url = "http://127.0.0.1:" + s.getLocalPort() + "/";
            assertEquals(url + " answered -1", Readiness.http(url));
        }
        try (ServerSocket s = rawServer("", asked)) {
            String url = "http://127.0.0.1:" + s.getLocalPort() + "/";
            assertEquals("no answer on " + url, Readiness.http(url), "closed without a word");
        }
    }

    @Test
    void httpReadyGatesAProcessOfTheStack() throws Exception {
        int port = TestPorts.freePort();
        // The server comes up a second after its process does: ready must wait for it, not for the spawn.
        RenderedProcess web = Stack.with(Stack.sh("web", "cd /tmp && sleep 1 && exec python3 -m http.server --bind 127.0.0.1 " + port),
                new Profile.ReadySpec.Http("http://127.0.0.1:" + port + "/", Duration.ofSeconds(15)));
        Stack s = Stack.start(Duration.ofSeconds(2), web);
        s.awaitReady(Duration.ofSeconds(15));
        java.net.http.HttpResponse<Void> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertEquals(200, answer.statusCode(), "the server answers once the stack says ready");
        s.supervisor.stop();
        assertEquals(0, s.awaitExit(Duration.ofSeconds(10)));
    }

    @Test
    void logReadyPassesOnAMatchingLineOfEitherStream() throws Exception {
        RenderedProcess p = Stack.with(Stack.sh("worker", "echo booting; sleep 0.3; echo 'Listening on :8080' >&2; exec sleep 300"),
                new Profile.ReadySpec.Log("Listening on :\\d+", Duration.ofSeconds(10)));
        Stack s = Stack.start(Duration.ofSeconds(2), p);
        s.awaitReady(Duration.ofSeconds(10));
        assertTrue(s.out().contains("worker | Listening on :8080"), s.out());
        s.supervisor.stop();
        assertEquals(0, s.awaitExit(Duration.ofSeconds(10)));
    }

    @Test
    void aProcessThatExitsFailsItsReadinessAtOnce() throws Exception {
        long t0 = System.nanoTime();
        Readiness.Result r = Readiness.await(new Profile.ReadySpec.Tcp(Integer.toString(TestPorts.freePort()), Duration.ofSeconds(60)),
                null, () -> false);
        assertFalse(r.ready());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(2).toNanos());
    }
}
