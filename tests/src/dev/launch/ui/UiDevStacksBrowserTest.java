package dev.launch.ui;

import dev.launch.registry.Registry;
import dev.launch.testing.Browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real `dev` stacks from one checkout, in Chromium: the network simulator's port shows as the
 * ws:// url its profile gives it (text to copy, not a link that would answer 426), and the second
 * stack, whose env file the first one owns, shows the lines its frontend needs with a Copy button
 * that puts exactly them on the clipboard. When the first stack stops, the second takes the file
 * over and writes those same lines into it.
 */
class UiDevStacksBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path profile;
    DevStacks stacks;

    @AfterEach
    void tearDown() throws Exception {
        if (stacks != null) {
            stacks.close();
        }
    }

    @Test
    @EnabledIf(value = "dev.launch.testing.Browser#availableOrRequired", disabledReason = Browser.SKIPPED)
    void webSocketPortsAndTheFrontendValuesOfAnInstanceWithoutItsEnvFile() throws Exception {
        stacks = new DevStacks(dir);
        Path shop = stacks.checkout("shop");
        stacks.launch(shop);
        stacks.launch(shop);
        Registry registry = new Registry(stacks.state, new PrintWriter(new StringWriter(), true));
        Map<String, Integer> first = registry.find("dev-1").orElseThrow().ports();
        Map<String, Integer> second = registry.find("dev-2").orElseThrow().ports();

        Page page = stacks.open(shop, profile);
        page.signIn(stacks.server.loginUrl());
        page.within(30).until(d -> page.text("[data-instance='dev-2'] [data-port='networkSimulator'] .port-url") != null);

        for (Map.Entry<String, Map<String, Integer>> i : Map.of("dev-1", first, "dev-2", second).entrySet()) {
            String ws = "[data-instance='" + i.getKey() + "'] [data-port='networkSimulator']";
            assertEquals("ws://localhost:" + i.getValue().get("networkSimulator"), page.text(ws + " .port-url"));
            assertTrue(page.shown(ws + " .port-plain"), "a ws:// url is shown as text");
            assertEquals(0L, count(ws + " a"), "a ws:// url is no link");
            String http = "[data-instance='" + i.getKey() + "'] [data-port='alice'] a.port-url";
            assertEquals("http://localhost:" + i.getValue().get("alice") + "/", attribute(http, "href"));
        }

        String own = String.join("\n", lines(first));
        String needed = String.join("\n", lines(second));
        Path envFile = shop.resolve("app/.env.development");
        assertTrue(Files.readString(envFile).contains(own), "dev-1 owns and wrote the env file:\n" + Files.readString(envFile));
        assertFalse(page.shown("[data-instance='dev-1'] .frontend"), "the owner needs no copy of its own values");
        page.within(10).until(d -> page.shown("[data-instance='dev-2'] .frontend-values"));
        assertEquals(needed, page.text("[data-instance='dev-2'] .frontend-values"));
        assertEquals(envFile + " holds dev-1's values. This instance's frontend needs:",
                page.text("[data-instance='dev-2'] .frontend-note"));

        page.chrome.executeCdpCommand("Browser.grantPermissions", Map.of(
                "origin", stacks.server.url().replaceAll("/$", ""), "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        page.click("[data-instance='dev-2'] .copy-frontend");
        page.within(5).until(d -> "Copied".equals(page.text("[data-instance='dev-2'] .copy-frontend")));
        Object clipboard = page.chrome.executeAsyncScript("navigator.clipboard.readText().then(arguments[0], (e) => arguments[0]('failed: ' + e));");
        assertEquals(needed, clipboard);

        // The box says what dev-2 would write: once dev-1 stops, dev-2 owns the file and writes just that.
        page.click("[data-instance='dev-1'] .stop");
        page.click("[data-instance='dev-1'] .confirm");
        page.within(60).until(d -> page.text("[data-instance='dev-1']") == null);
        page.within(10).until(d -> !page.shown("[data-instance='dev-2'] .frontend"));
        String handed = Files.readString(envFile);
        assertTrue(handed.contains(needed), "dev-2 took the env file over:\n" + handed);
        assertFalse(handed.contains(own), handed);
    }

    /** The dev profile's envFiles values for these ports, in its order. */
    private static List<String> lines(Map<String, Integer> ports) {
        return List.of(
                "VITE_ALICE_BACKEND_URL=http://localhost:" + ports.get("alice"),
                "VITE_BOB_BACKEND_URL=http://localhost:" + ports.get("bob"),
                "VITE_NETWORK_SIMULATOR_URL=ws://localhost:" + ports.get("networkSimulator"),
                "VITE_NETWORK_HTTP_URL=http://localhost:" + ports.get("networkHttp"));
    }

    private long count(String css) {
        return ((Number) stacks.page.chrome.executeScript("return document.querySelectorAll(arguments[0]).length;", css)).longValue();
    }

    private String attribute(String css, String name) {
        return (String) stacks.page.chrome.executeScript("const e = document.querySelector(arguments[0]); return e && e.getAttribute(arguments[1]);",
                css, name);
    }
}
