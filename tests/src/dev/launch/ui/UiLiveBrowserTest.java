package dev.launch.ui;

import dev.launch.config.PortsConfigLoader;
import dev.launch.registry.RangeStates;
import dev.launch.registry.Registry;
import dev.launch.testing.Browser;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.LiveStack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The page in Chromium against a real running stack (a talker, a ticker printing a line every
 * 200 ms, and a process that ignores SIGTERM): live logs, and restart, stop and start of one
 * process through the buttons, as a user does it.
 */
@EnabledIf(value = "dev.launch.testing.Browser#availableOrRequired", disabledReason = Browser.SKIPPED)
class UiLiveBrowserTest {
    @TempDir
    static Path profile;
    static Page page;
    @TempDir
    Path dir;
    UiServer server;

    @BeforeAll
    static void startBrowser() {
        page = new Page(profile);
    }

    @AfterAll
    static void stopBrowser() {
        page.close();
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        LaunchedStack.killAll();
    }

    private String up() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = LiveStack.up(project);
        Registry registry = new Registry(project.state, new PrintWriter(new StringWriter(), true));
        server = UiServer.start(registry, () -> RangeStates.rows(PortsConfigLoader.load(project.config),
                registry.locked(Registry.Session::holders)), 0, new PrintWriter(new StringWriter(), true));
        page.signIn(server.loginUrl());
        String id = stack.id();
        page.within(10).until(d -> "ready".equals(state(id, "talker")));
        return id;
    }

    private static String row(String id, String process) {
        return "[data-instance='" + id + "'] [data-process='" + process + "']";
    }

    private static String state(String id, String process) {
        return (String) page.chrome.executeScript("const e = document.querySelector(arguments[0]); return e && e.dataset.state;",
                row(id, process));
    }

    private static String pid(String id, String process) {
        return (String) page.chrome.executeScript("const e = document.querySelector(arguments[0]); return e && e.dataset.pid;",
                row(id, process));
    }

    @SuppressWarnings("unchecked")
    private static List<String> logTexts() {
        return (List<String>) page.chrome.executeScript(
                "return [...document.querySelectorAll('#logs-body .log-line:not([hidden])')].map(l => l.textContent);");
    }

    private static int lastTick() {
        List<String> lines = logTexts();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).matches("ticker\\s* \\| tick \\d+")) {
                return Integer.parseInt(lines.get(i).replaceAll(".* tick ", ""));
            }
        }
        return -1;
    }

    @Test
    void theLogsOfOneProcessArriveLiveWithItsPrefixAndCanBeFilteredAndPaused() throws Exception {
        String id = up();
        page.click(row(id, "ticker") + " .process-logs");
        page.within(5).until(d -> page.shown("#logs"));
        assertEquals(id + " · ticker", page.text("#logs-title"));
        page.within(10).until(d -> lastTick() > 0);
        int first = lastTick();
        page.within(5).until(d -> lastTick() >= first + 3);
        assertTrue(logTexts().stream().allMatch(l -> l.startsWith("ticker")), "only the ticker's lines: " + logTexts());
        assertEquals("log-prefix c1", page.chrome.executeScript(
                "return document.querySelector('#logs-body .log-prefix').className;"), "the ticker's colour, as in the terminal");

        page.chrome.findElement(By.id("logs-follow")).click();
        assertTrue(page.text("#logs-status").contains("paused"), page.text("#logs-status"));
        page.chrome.findElement(By.id("logs-filter")).sendKeys("tick " + first + Keys.ENTER);
        page.within(5).until(d -> logTexts().equals(List.of("ticker   | tick " + first)));

        page.chrome.executeScript("const f = document.getElementById('logs-filter'); f.value = ''; f.dispatchEvent(new Event('input'));");
        page.chrome.executeScript("const s = document.getElementById('logs-process'); s.value = ''; s.dispatchEvent(new Event('change'));");
        page.within(10).until(d -> logTexts().stream().anyMatch(l -> l.startsWith("talker   | hello from talker")));
        assertTrue(logTexts().stream().anyMatch(l -> l.equals("stubborn | stubborn up")), logTexts().toString());
    }

    @Test
    void restartGivesAProcessANewPidAndItIsReadyAgain() throws Exception {
        String id = up();
        String before = pid(id, "talker");
        page.click(row(id, "talker") + " .process-restart");
        page.within(30).until(d -> "talker is ready again".equals(page.text(row(id, "talker") + " .process-result")));
        page.within(5).until(d -> "ready".equals(state(id, "talker")) && !before.equals(pid(id, "talker")));
        assertNotEquals(before, pid(id, "talker"));
        assertTrue(page.text(row(id, "talker") + " .process-notes").contains("1 restart"), page.text(row(id, "talker")));
        assertEquals("ready", state(id, "ticker"), "the others are left alone");
    }

    @Test
    void stopAndStartOneProcessWhileTheStackStaysUp() throws Exception {
        String id = up();
        page.click(row(id, "ticker") + " .process-stop");
        page.within(30).until(d -> "stopped".equals(state(id, "ticker")));
        page.within(5).until(d -> "ticker is stopped".equals(page.text(row(id, "ticker") + " .process-result")));
        assertTrue(page.shown(row(id, "ticker") + " .process-start"), "a stopped process offers Start");
        assertFalse(page.shown(row(id, "ticker") + " .process-stop"));
        assertEquals("ready", state(id, "talker"));

        page.click(row(id, "ticker") + " .process-start");
        page.within(30).until(d -> "ready".equals(state(id, "ticker")));
        page.within(5).until(d -> "ticker is ready".equals(page.text(row(id, "ticker") + " .process-result")));
        assertTrue(page.shown(row(id, "ticker") + " .process-stop"));
    }
}
