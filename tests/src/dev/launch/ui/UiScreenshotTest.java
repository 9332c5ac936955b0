package dev.launch.ui;

import dev.launch.testing.Browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;

/**
 * The pictures in docs/, taken from the running page: three real `dev` stacks (the shipped
 * profile and demo services), two from one checkout and one from another worktree, with a log
 * view open (the narrow picture shows the second card). The second stack of the first checkout does not own its env file, so its card shows
 * its frontend's values; every card shows the network simulator as ws://. Writes
 * tests/target/ui*.png, and into $LAUNCH_UI_SCREENSHOTS (a folder) when set.
 */
class UiScreenshotTest {
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
    void threeRealStacksAndTheLogViewOfOne() throws Exception {
        stacks = new DevStacks(dir);
        Path main = stacks.checkout("shop");
        Path feature = stacks.checkout("shop-login-form");
        stacks.launch(main);
        stacks.launch(main);
        stacks.launch(feature);

        Page page = stacks.open(main, profile);
        page.chrome.manage().window().setSize(new Dimension(1600, 1500));
        page.signIn(stacks.server.loginUrl());
        for (String id : List.of("dev-1", "dev-2", "dev-3")) {
            page.within(30).until(d -> "ready".equals(page.chrome.executeScript(
                    "const e = document.querySelector(arguments[0]); return e && e.dataset.state;",
                    "[data-instance='" + id + "'] [data-process='bob']")));
        }
        assertEquals("shop", page.text("[data-instance='dev-1'] .checkout-name"));
        assertEquals("shop-login-form", page.text("[data-instance='dev-3'] .checkout-name"));
        assertTrue(page.shown("[data-instance='dev-2'] .frontend-values"), "dev-2 shares dev-1's env file: its values are shown");

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
        page.chrome.executeScript("document.querySelector(\"[data-instance='dev-2']\").scrollIntoView();"); // ws:// and its frontend box
        Thread.sleep(300);
        page.screenshot("ui-narrow.png", docs == null ? null : Path.of(docs, "ui-narrow.png").toString());
        Object overflow = page.chrome.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "no sideways scrolling in a narrow window");
    }
}
