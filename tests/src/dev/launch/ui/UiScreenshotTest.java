package dev.launch.ui;

import dev.launch.config.PortsConfigLoader;
import dev.launch.registry.RangeStates;
import dev.launch.registry.Registry;
import dev.launch.testing.Browser;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestPorts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;

/**
 * The pictures in docs/, taken from the running page: three real `dev` stacks (the shipped
 * profile and demo services), two from one checkout and one from another worktree, with a log
 * view open. Writes tests/target/ui*.png, and into $LAUNCH_UI_SCREENSHOTS (a folder) when set.
 */
class UiScreenshotTest {
    @TempDir
    Path dir;
    @TempDir
    Path profile;
    final List<Process> launchers = new ArrayList<>();
    Page page;
    UiServer server;

    @AfterEach
    void tearDown() throws Exception {
        if (page != null) {
            page.close();
        }
        if (server != null) {
            server.close();
        }
        launchers.forEach(Process::destroy); // SIGTERM: each launcher tears its stack down
        for (Process p : launchers) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** A checkout of the project: the shipped dev profile and demo services, ranges in the test window. */
    private Path checkout(String name, String portsYaml) throws IOException {
        Path root = Files.createDirectories(dir.resolve(name));
        Path home = Path.of(System.getenv("LAUNCH_HOME"));
        Files.createDirectories(root.resolve("profiles/services"));
        Files.createDirectories(root.resolve("app"));
        Files.copy(home.resolve("profiles/dev.yaml"), root.resolve("profiles/dev.yaml"));
        try (Stream<Path> services = Files.list(home.resolve("profiles/services"))) {
            for (Path s : services.toList()) {
                Files.copy(s, root.resolve("profiles/services").resolve(s.getFileName()));
            }
        }
        Files.writeString(root.resolve("ports.yaml"), portsYaml);
        return root;
    }

    private void launch(Path checkout, Path state) throws Exception {
        Path out = checkout.resolve("launch-" + launchers.size() + ".out");
        Process p = Launcher.processBuilder(checkout, Map.of(), "dev", "--no-color", "--state-dir", state.toString())
                .redirectOutput(out.toFile()).redirectError(checkout.resolve("launch-" + launchers.size() + ".err").toFile()).start();
        launchers.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(out).contains(" is up in ") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Files.readString(out).contains(" is up in "), "dev did not come up in " + checkout + ":\n" + Files.readString(out)
                + Files.readString(checkout.resolve("launch-" + (launchers.size() - 1) + ".err")));
    }

    @Test
    @EnabledIf(value = "dev.launch.testing.Browser#availableOrRequired", disabledReason = Browser.SKIPPED)
    void threeRealStacksAndTheLogViewOfOne() throws Exception {
        StringBuilder yaml = new StringBuilder("ranges:\n");
        List<Integer> bases = new ArrayList<>();
        for (String range : List.of("DEVELOPMENT", "SECONDARY_DEV", "TERTIARY_DEV")) {
            int base;
            do {
                base = TestPorts.freeBlock(4);
            } while (overlaps(bases, base));
            bases.add(base);
            yaml.append("  ").append(range).append(": { base: ").append(base).append(", count: 4 }\n");
        }
        Path main = checkout("shop", yaml.toString());
        Path feature = checkout("shop-login-form", yaml.toString());
        Path state = dir.resolve("state");
        launch(main, state);
        launch(main, state);
        launch(feature, state);

        Registry registry = new Registry(state, new PrintWriter(new StringWriter(), true));
        server = UiServer.start(registry, () -> RangeStates.rows(PortsConfigLoader.load(main.resolve("ports.yaml")),
                registry.locked(Registry.Session::holders)), 0, new PrintWriter(new StringWriter(), true));
        page = new Page(profile);
        page.chrome.manage().window().setSize(new Dimension(1600, 1500));
        page.signIn(server.loginUrl());
        for (String id : List.of("dev-1", "dev-2", "dev-3")) {
            page.within(30).until(d -> "ready".equals(page.chrome.executeScript(
                    "const e = document.querySelector(arguments[0]); return e && e.dataset.state;",
                    "[data-instance='" + id + "'] [data-process='bob']")));
        }
        assertEquals("shop", page.text("[data-instance='dev-1'] .checkout-name"));
        assertEquals("shop-login-form", page.text("[data-instance='dev-3'] .checkout-name"));

        page.click("[data-instance='dev-1'] [data-process='bob'] .process-restart");
        page.within(60).until(d -> "bob is ready again".equals(page.text("[data-instance='dev-1'] [data-process='bob'] .process-result")));
        page.click("[data-instance='dev-1'] .show-logs");
        page.within(10).until(d -> ((Number) page.chrome.executeScript(
                "return document.querySelectorAll('#logs-body .log-line').length;")).intValue() >= 3);
        Thread.sleep(500); // the last lines of the batch and the scroll
        String docs = System.getenv("LAUNCH_UI_SCREENSHOTS");
        page.screenshot("ui.png", docs == null ? null : Path.of(docs, "ui.png").toString());

        page.chrome.manage().window().setSize(new Dimension(420, 1100));
        page.click("#logs-close");
        Thread.sleep(300);
        page.screenshot("ui-narrow.png", docs == null ? null : Path.of(docs, "ui-narrow.png").toString());
        Object overflow = page.chrome.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "no sideways scrolling in a narrow window");
    }

    private static boolean overlaps(List<Integer> bases, int base) {
        return bases.stream().anyMatch(b -> Math.abs(b - base) < 5);
    }
}
