package dev.launch.ui;

import dev.launch.testing.Launcher;
import dev.launch.testing.TestPorts;
import dev.launch.util.ExitCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `ui` command: its one-time link, its port, a second `ui`, --open. */
class UiCommandTest {
    private static final String LINK = "http://127\\.0\\.0\\.1:(\\d+)/\\?k=[A-Za-z0-9_-]{43}";

    @TempDir
    Path dir;
    UiFixture stacks;

    @BeforeEach
    void setUp() throws Exception {
        stacks = new UiFixture(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        stacks.close();
    }

    private Process ui(Map<String, String> env, String... more) throws Exception {
        String[] args = new String[more.length + 1];
        args[0] = "ui";
        System.arraycopy(more, 0, args, 1, more.length);
        return Launcher.processBuilder(stacks.project.root, env, stacks.project.args(args))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String firstLine(Process p) throws Exception {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    private static void end(Process p) throws Exception {
        p.destroy();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    }

    @Test
    void aSecondUiReusesTheFirstAndPrintsAFreshLinkForIt() throws Exception {
        Process first = ui(Map.of());
        try {
            String link = firstLine(first);
            assertTrue(link != null && link.matches(LINK), "first ui printed " + link);
            String url = link.substring(0, link.indexOf('?'));

            Launcher.Result second = stacks.project.inProcess("ui");
            assertEquals(0, second.exit(), second.err());
            String fresh = second.out().trim();
            assertTrue(fresh.matches(LINK) && fresh.startsWith(url), fresh);
            assertNotEquals(link, fresh);
            assertTrue(second.err().contains("already running (pid " + first.pid() + ") at " + url + "; reusing it"), second.err());
            assertTrue(Files.exists(stacks.project.state.resolve("ui.json")));

            int port = Integer.parseInt(url.replaceAll(".*:(\\d+)/", "$1"));
            UiClient browser = new UiClient(url, port);
            assertEquals(200, browser.open(fresh).statusCode(), "the running server takes the key the second ui made");
            assertEquals(200, browser.get("/api/instances").statusCode());
            UiClient other = new UiClient(url, port);
            assertEquals(200, other.open(link).statusCode(), "and still its own, once");
            assertEquals(403, new UiClient(url, port).open(link).statusCode());
        } finally {
            end(first);
        }
        assertFalse(Files.exists(stacks.project.state.resolve("ui.json")), "Ctrl-C/SIGTERM removes the ui record");
    }

    @Test
    void takesTheFirstFreePortOfTheUiRange() throws Exception {
        int base = TestPorts.freeBlock(3);
        Files.writeString(stacks.project.config, Files.readString(stacks.project.config)
                + "  UI: { base: " + base + ", count: 3 }\n");
        try (ServerSocket busy = TestPorts.listen("127.0.0.1", base)) {
            Process ui = ui(Map.of());
            try {
                String link = firstLine(ui);
                assertTrue(link.startsWith("http://127.0.0.1:" + (base + 1) + "/?k="), link);
            } finally {
                end(ui);
            }
        }
    }

    @Test
    void aBusyExplicitPortIsAClearError() throws Exception {
        try (ServerSocket busy = TestPorts.listen("127.0.0.1", TestPorts.freeBlock(1))) {
            Launcher.Result r = stacks.project.inProcess("ui", "--port", Integer.toString(busy.getLocalPort()));
            assertEquals(ExitCode.FAILURE, r.exit(), r.err());
            assertTrue(r.err().startsWith("launch: port " + busy.getLocalPort() + " is busy"), r.err());
        }
        assertEquals(ExitCode.USAGE, stacks.project.inProcess("ui", "--port", "70000").exit());
    }

    @Test
    void openHandsTheLinkToTheDesktopsOpener() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path opened = dir.resolve("opened.txt");
        Path opener = bin.resolve("xdg-open");
        Files.writeString(opener, "#!/bin/sh\nprintf '%s\\n' \"$1\" > " + opened + "\n");
        Files.setPosixFilePermissions(opener, PosixFilePermissions.fromString("rwx------"));
        Process ui = ui(Map.of("PATH", bin + ":/usr/bin:/bin"), "--open");
        try {
            String link = firstLine(ui);
            assertTrue(link.matches(LINK), link);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(opened) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(link, Files.readString(opened).trim());
        } finally {
            end(ui);
        }
    }

    @Test
    void openWithoutAnOpenerSaysSoAndServesAnyway() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("nothing-here"));
        Path err = dir.resolve("err.txt");
        Process ui = Launcher.processBuilder(stacks.project.root, Map.of("PATH", empty.toString()),
                stacks.project.args("ui", "--open")).redirectError(err.toFile()).start();
        try {
            assertTrue(firstLine(ui).matches(LINK));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(err).contains("cannot open a browser") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.readString(err).contains("cannot open a browser: neither xdg-open nor open is on PATH; "
                    + "open the link above yourself"), Files.readString(err));
            assertTrue(ui.isAlive(), "the page is served all the same");
        } finally {
            end(ui);
        }
    }
}
