package dev.launch.ui;

import dev.launch.testing.Browser;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestPorts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** The page in Chromium while its `ui` (a real process) stops and comes back on the same port. */
class UiReconnectBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path profile;
    UiFixture stacks;
    Page page;
    Process ui;

    @AfterEach
    void tearDown() throws Exception {
        stopUi();
        if (page != null) {
            page.close();
        }
        if (stacks != null) {
            stacks.close();
        }
    }

    /** Starts `ui --port P` and returns the one-time link it prints. */
    private String startUi(int port) throws Exception {
        ui = Launcher.processBuilder(stacks.project.root, Map.of(), stacks.project.args("ui", "--port", Integer.toString(port)))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new BufferedReader(new InputStreamReader(ui.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    private void stopUi() throws Exception {
        if (ui != null) {
            ui.destroy();
            assertTrue(ui.waitFor(10, TimeUnit.SECONDS));
            ui = null;
        }
    }

    @Test
    @EnabledIf(value = "dev.launch.testing.Browser#availableOrRequired", disabledReason = Browser.SKIPPED)
    void thePageSaysItLostItsServerAndReconnectsWhenUiComesBack() throws Exception {
        stacks = new UiFixture(dir);
        page = new Page(profile);
        stacks.start("dev-1", 0, UiFixture.readyStack());
        int port = TestPorts.freeBlock(1);
        page.signIn(startUi(port));
        page.within(10).until(d -> page.shown("[data-instance='dev-1']"));
        assertEquals("live", page.text("#connection"));

        stopUi();
        page.within(10).until(d -> page.shown("#lost"));
        assertEquals("Lost the ui server on 127.0.0.1:" + port + ".", page.text("#lost-title"));
        assertTrue(page.text("#lost-text").contains("reconnects by itself"), page.text("#lost-text"));
        assertTrue(page.shown("[data-instance='dev-1']"), "the last picture stays, greyed out");
        assertFalse(page.shown("#empty"), "not \"no instances\"");
        assertEquals("server lost", page.text("#connection"));
        page.screenshot("ui-lost.png", null);

        stacks.start("dev-2", 1, UiFixture.readyStack());
        startUi(port);
        page.within(20).until(d -> !page.shown("#lost"));
        page.within(10).until(d -> page.shown("[data-instance='dev-2']"));
        assertEquals("live", page.text("#connection"), "the same state dir's session: no new link needed");
    }

    @Test
    @EnabledIf(value = "dev.launch.testing.Browser#availableOrRequired", disabledReason = Browser.SKIPPED)
    void aServerWithANewSessionSaysHowToGetBackIn() throws Exception {
        stacks = new UiFixture(dir);
        page = new Page(profile);
        int port = TestPorts.freeBlock(1);
        page.signIn(startUi(port));
        page.within(10).until(d -> page.shown("#empty"));

        stopUi();
        page.within(10).until(d -> page.shown("#lost"));
        Files.delete(stacks.project.state.resolve("ui-session"));
        String link = startUi(port);
        page.within(20).until(d -> "needs sign-in".equals(page.text("#connection")));
        assertEquals("The ui server on 127.0.0.1:" + port + " does not know this browser.", page.text("#lost-title"));
        assertTrue(page.text("#lost-text").contains("Run ./jbang launch.java ui and open the link it prints"), page.text("#lost-text"));

        page.signIn(link);
        page.within(10).until(d -> page.shown("#empty") && !page.shown("#lost"));
        assertEquals("live", page.text("#connection"));
    }
}
