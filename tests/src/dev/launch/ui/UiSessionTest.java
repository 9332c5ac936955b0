package dev.launch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the browser that opened `ui`'s one-time link gets anything from the server. */
class UiSessionTest {
    static final String[] EVERYTHING = {"/", "/index.html", "/app.js", "/cards.js", "/logs.js", "/util.js", "/style.css",
        "/api/instances", "/api/ranges", "/api/events", "/api/health", "/api/instances/dev-1/logs?process=alice",
        "/api/instances/dev-1/logs/stream"};

    @TempDir
    Path dir;
    UiFixture stacks;
    UiServer server;

    @BeforeEach
    void setUp() throws Exception {
        stacks = new UiFixture(dir);
        server = stacks.server();
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        stacks.close();
    }

    @Test
    void withoutTheSessionEveryRequestIsRefused() throws Exception {
        stacks.start("dev-1", 0, UiFixture.readyStack());
        UiClient nobody = new UiClient(server.url(), server.port());
        for (String path : EVERYTHING) {
            nobody.assertRefused(path);
        }
        HttpResponse<String> page = nobody.get("/");
        assertTrue(page.body().contains("./jbang launch.java ui"), "the refusal says how to get in: " + page.body());
        assertTrue(nobody.get("/api/instances").body().contains("needs a session"));
        nobody.cookie = UiSession.cookieName(server.port()) + "=" + "x".repeat(43);
        for (String path : EVERYTHING) {
            nobody.assertRefused(path);
        }
        assertEquals(403, nobody.post("/api/instances/dev-1/stop", nobody.ownOrigin()).statusCode());
        assertEquals(403, nobody.post("/api/instances/dev-1/processes/alice/restart", nobody.ownOrigin()).statusCode());
        assertTrue(stacks.owners.get("dev-1").isAlive());
    }

    @Test
    void aOneTimeLinkGivesAnHttpOnlyStrictCookieOnce() throws Exception {
        String link = server.loginUrl();
        assertTrue(link.matches("http://127\\.0\\.0\\.1:" + server.port() + "/\\?k=[A-Za-z0-9_-]{43}"), link);
        UiClient browser = new UiClient(server.url(), server.port());
        HttpResponse<String> entered = browser.open(link);
        assertEquals(200, entered.statusCode());
        String setCookie = entered.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(setCookie.startsWith(UiSession.cookieName(server.port()) + "="), setCookie);
        assertTrue(setCookie.contains("; HttpOnly") && setCookie.contains("; SameSite=Strict") && setCookie.contains("; Path=/"), setCookie);
        assertTrue(entered.body().contains("url=/\""), "then on to the plain address: " + entered.body());
        assertEquals(200, browser.get("/").statusCode());
        assertEquals(200, browser.get("/api/instances").statusCode());

        UiClient second = new UiClient(server.url(), server.port());
        HttpResponse<String> again = second.open(link);
        assertEquals(403, again.statusCode(), "a used link opens nothing");
        assertTrue(again.body().contains("has been used"), again.body());
        assertEquals(null, second.cookie);
        assertEquals(403, second.open(server.url() + "?k=" + "A".repeat(43)).statusCode(), "a made-up key");
        assertEquals(403, second.open(server.url() + "?k=../../ui-session").statusCode());
    }

    @Test
    void aRestartedServerOnTheSameStateDirAndPortTakesTheBrowserBack() throws Exception {
        UiClient browser = UiClient.signedIn(server);
        int port = server.port();
        server.close();
        server = stacks.server(port);
        assertEquals(200, browser.get("/api/instances").statusCode());

        Files.delete(stacks.project.state.resolve("ui-session"));
        server.close();
        server = stacks.server(port);
        assertEquals(403, browser.get("/api/instances").statusCode(), "a new secret ends the old sessions");
    }

    @Test
    void itsSecretsAreForItsUserOnly() throws Exception {
        server.loginUrl();
        assertEquals("rw-------", mode(stacks.project.state.resolve("ui-session")));
        assertEquals("rwx------", mode(stacks.project.state.resolve("ui-keys")));
        try (Stream<Path> keys = Files.list(stacks.project.state.resolve("ui-keys"))) {
            for (Path key : keys.toList()) {
                assertEquals("rw-------", mode(key));
                assertTrue(key.getFileName().toString().matches("[0-9a-f]{64}"), "stored as a hash: " + key);
            }
        }
    }

    /** The review's attack: another local user asks the server for everything it has. */
    @Test
    void anotherLocalUserGetsNothing() throws Exception {
        assumeTrue(isRoot() && Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/curl")),
                "needs root, setpriv and curl to act as user nobody");
        stacks.start("dev-1", 0, UiFixture.readyStack());
        UiClient owner = UiClient.signedIn(server);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(stacks.project.state, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertNotEquals(0, asNobody("cat", stacks.project.state.resolve("ui-session").toString()).exit, "the secret is unreadable");
        for (String path : EVERYTHING) {
            Run r = asNobody("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", server.url() + path.substring(1));
            assertEquals("403", r.out, "GET " + path + " as nobody");
        }
        Run stop = asNobody("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "-X", "POST",
                "-H", "Origin: " + owner.ownOrigin(), server.url() + "api/instances/dev-1/stop");
        assertEquals("403", stop.out);
        Run guessed = asNobody("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", server.url() + "?k=" + "B".repeat(43));
        assertEquals("403", guessed.out);
        assertTrue(stacks.owners.get("dev-1").isAlive(), "nobody stopped nothing");
        assertEquals(200, owner.get("/api/instances").statusCode(), "while the owner's browser still works");
    }

    /**
     * A browser sends its 127.0.0.1 cookies to every port there, so another user's server could be
     * handed a session: with it, that user still gets nothing, since the connection is theirs.
     */
    @Test
    void anotherLocalUserWithTheOwnersSessionGetsNothing() throws Exception {
        assumeTrue(isRoot() && Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/curl")),
                "needs root, setpriv and curl to act as user nobody");
        stacks.start("dev-1", 0, UiFixture.readyStack());
        UiClient owner = UiClient.signedIn(server);
        for (String path : EVERYTHING) {
            Run r = asNobody("curl", "-s", "-w", " %{http_code}", "--max-time", "5", "-H", "Cookie: " + owner.cookie, server.url() + path.substring(1));
            assertEquals(UiAccess.OTHER_USER + "\n 403", r.out + "", "GET " + path + " as nobody, with the owner's cookie");
        }
        Run stop = asNobody("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "-X", "POST",
                "-H", "Cookie: " + owner.cookie, "-H", "Origin: " + owner.ownOrigin(), server.url() + "api/instances/dev-1/stop");
        assertEquals("403", stop.out);
        Run restart = asNobody("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "-X", "POST",
                "-H", "Cookie: " + owner.cookie, "-H", "Origin: " + owner.ownOrigin(), server.url() + "api/instances/dev-1/processes/alice/restart");
        assertEquals("403", restart.out);
        Run login = asNobody("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", server.loginUrl());
        assertEquals("403", login.out, "nor does a fresh one-time link work for them");
        assertTrue(stacks.owners.get("dev-1").isAlive(), "nobody stopped nothing");

        assertEquals(200, owner.get("/").statusCode(), "the owner's browser still works");
        assertEquals(200, owner.get("/api/instances").statusCode());
        HttpResponse<Stream<String>> events = owner.lines("/api/events");
        assertEquals(200, events.statusCode());
        try (Stream<String> lines = events.body()) {
            assertTrue(lines.anyMatch(l -> l.startsWith("data: [")), "the owner's event stream carries the instances");
        }
    }

    record Run(int exit, String out) {}

    private static Run asNobody(String... command) throws Exception {
        List<String> all = new ArrayList<>(List.of("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"));
        all.addAll(List.of(command));
        Process p = new ProcessBuilder(all).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }
}
