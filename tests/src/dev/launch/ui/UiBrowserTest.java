package dev.launch.ui;

import dev.launch.registry.Instance;
import dev.launch.testing.Browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium over registry entries with real owner processes: two
 * instances with their ports, a port that stops listening, and the stop button. Writes
 * tests/target/fixture.png and fixture-narrow.png (docs/ gets its pictures from UiScreenshotTest).
 */
class UiBrowserTest {
    static ChromeDriver chrome;
    @TempDir
    static Path browserProfile;
    @TempDir
    Path dir;
    UiFixture stacks;
    UiServer server;

    @AfterAll
    static void stopBrowser() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        if (chrome == null) {
            chrome = Browser.start(browserProfile);
        }
        stacks = new UiFixture(dir);
        server = stacks.server();
        chrome.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        stacks.close();
    }

    /** Opens the one-time link, as a user does with the one `ui` prints; the page then sits at its plain address. */
    private void signIn() throws IOException {
        chrome.get(server.loginUrl());
        within(5).until(ExpectedConditions.urlToBe(server.url()));
    }

    private WebDriverWait within(int seconds) {
        return new WebDriverWait(chrome, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    }

    private WebElement card(String id) {
        return within(5).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-instance='" + id + "']")));
    }

    /**
     * Text of the first element matching {@code css}, or null, read in one script call: the page
     * rebuilds a card's lists whenever an update arrives, so a found WebElement can go stale.
     */
    private static String text(String css) {
        return (String) chrome.executeScript("const e = document.querySelector(arguments[0]); return e && e.textContent;", css);
    }

    private static String href(String css) {
        return (String) chrome.executeScript("const e = document.querySelector(arguments[0]); return e && e.href;", css);
    }

    private static String portState(String id, String name) {
        return text("[data-instance='" + id + "'] [data-port='" + name + "'] .port-state");
    }

    @Test
    @EnabledIf(value = "dev.launch.testing.Browser#availableOrRequired", disabledReason = Browser.SKIPPED)
    void showsEachInstanceWithItsPortsAsLinksAndStaysReadableWhenNarrow() throws Exception {
        signIn();
        assertTrue(within(5).until(ExpectedConditions.visibilityOfElementLocated(By.id("empty"))).getText()
                .contains("no instances — start one with ./jbang launch.java dev"));

        Instance one = stacks.start("dev-1", 0, UiFixture.readyStack());
        Map<String, String> busier = new LinkedHashMap<>(UiFixture.readyStack());
        busier.put("bob", "restarting");
        Instance two = stacks.start("dev-2", 1, busier);
        stacks.closePort(two.ports().get("bob"));

        for (Instance instance : List.of(one, two)) {
            String card = "[data-instance='" + instance.id() + "'] ";
            card(instance.id());
            for (Map.Entry<String, Integer> port : instance.ports().entrySet()) {
                assertEquals("http://localhost:" + port.getValue() + "/", href(card + "[data-port='" + port.getKey() + "'] a"));
                assertEquals(instance == two && port.getKey().equals("bob") ? "not listening" : "listening",
                        portState(instance.id(), port.getKey()));
            }
            assertEquals("./jbang launch.java env " + instance.id(), text(card + ".env-command"));
            assertEquals(Long.toString(instance.pid()), text(card + ".pid"));
        }
        String bob = text("[data-instance='dev-2'] [data-process='bob']");
        assertTrue(bob.contains("restarting") && bob.contains("2 restarts"), bob);
        assertTrue(chrome.findElement(By.id("empty")).getAttribute("hidden") != null);
        within(5).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-range='RA']"), "held by dev-1"));
        chrome.manage().window().setSize(new Dimension(1280, 1160));
        screenshot("fixture.png", null);

        chrome.manage().window().setSize(new Dimension(380, 900));
        screenshot("fixture-narrow.png", null);
        Object overflow = chrome.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "no sideways scrolling in a narrow window");
    }

    @Test
    @EnabledIf(value = "dev.launch.testing.Browser#availableOrRequired", disabledReason = Browser.SKIPPED)
    void aPortTurnsNotListeningWithinSecondsOfItsProcessStopping() throws Exception {
        Instance one = stacks.start("dev-1", 0, UiFixture.readyStack());
        stacks.start("dev-2", 1, UiFixture.readyStack());
        signIn();
        card("dev-1");
        assertEquals("listening", portState("dev-1", "alice"));

        stacks.closePort(one.ports().get("alice"));
        long before = System.nanoTime();
        within(5).until(d -> "not listening".equals(portState("dev-1", "alice")));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        assertTrue(millis < 3000, "took " + millis + " ms");
        assertEquals("listening", portState("dev-2", "alice"), "the other instance is untouched");
    }

    @Test
    @EnabledIf(value = "dev.launch.testing.Browser#availableOrRequired", disabledReason = Browser.SKIPPED)
    void aLeaseShowsAsAReservationNotAsAFailure() throws Exception {
        var leased = stacks.project.inProcess("ports", "app", "--lease", "60s");
        assertEquals(0, leased.exit(), leased.err());
        signIn();
        WebElement lease = card("app-1");
        assertEquals("reserved", text("[data-instance='app-1'] .kind"));
        assertTrue(text("[data-instance='app-1'] .lease-note").startsWith("ports reserved by a `ports` call until"),
                text("[data-instance='app-1'] .lease-note"));
        assertEquals(0, lease.findElements(By.cssSelector(".badge.down, .state-failed, .state-exited")).size(),
                "nothing in red: " + lease.getText());
        assertEquals("reserved", portState("app-1", "p0"));
        assertEquals("Release", text("[data-instance='app-1'] button.stop"));
        assertEquals("1 reservation", text("#summary"));
    }

    @Test
    @EnabledIf(value = "dev.launch.testing.Browser#availableOrRequired", disabledReason = Browser.SKIPPED)
    void theStopButtonStopsAnInstanceAndItsCardGoes() throws Exception {
        stacks.start("dev-1", 0, UiFixture.readyStack());
        stacks.start("dev-2", 1, UiFixture.readyStack());
        Process owner = stacks.owners.get("dev-2");
        signIn();

        card("dev-2").findElement(By.cssSelector("button.stop")).click();
        WebElement confirm = within(2).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-instance='dev-2'] button.confirm")));
        assertTrue(owner.isAlive(), "the first click only asks");
        confirm.click();

        assertTrue(owner.waitFor(10, TimeUnit.SECONDS), "the instance's launcher got SIGTERM and ended");
        within(5).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-instance='dev-2']")));
        assertTrue(stacks.owners.get("dev-1").isAlive());
        assertEquals(1, chrome.findElements(By.cssSelector("[data-instance]")).size());
        assertEquals(List.of("dev-1"), stacks.registry.live().stream().map(Instance::id).toList());
    }

    private static void screenshot(String name, String extra) throws IOException {
        byte[] png = chrome.getScreenshotAs(OutputType.BYTES);
        Path target = Path.of(System.getProperty("user.dir"), "target", name);
        Files.createDirectories(target.getParent());
        Files.write(target, png);
        if (extra != null && !extra.isBlank()) {
            Files.write(Path.of(extra), png);
        }
    }
}
