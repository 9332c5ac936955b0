package dev.launch.ui;

import dev.launch.testing.Browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page in one headless Chromium, read the way the browser tests need it. */
final class Page implements AutoCloseable {
    final ChromeDriver chrome;

    Page(Path profile) {
        chrome = Browser.start(profile);
    }

    /** Opens a one-time link as a user does; the page then sits at its plain address. */
    void signIn(String link) {
        chrome.get(link);
        String plain = link.substring(0, link.indexOf('?'));
        within(10).until(d -> plain.equals(d.getCurrentUrl()));
    }

    WebDriverWait within(int seconds) {
        return new WebDriverWait(chrome, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    }

    /**
     * Text of the first element matching {@code css}, or null, read in one script call: the page
     * rebuilds parts of a card whenever an update arrives, so a found WebElement can go stale.
     */
    String text(String css) {
        return (String) chrome.executeScript("const e = document.querySelector(arguments[0]); return e && e.textContent;", css);
    }

    boolean shown(String css) {
        return Boolean.TRUE.equals(chrome.executeScript(
                "const e = document.querySelector(arguments[0]); return !!e && !e.closest('[hidden]') && e.getClientRects().length > 0;", css));
    }

    void click(String css) {
        chrome.executeScript("document.querySelector(arguments[0]).click();", css);
    }

    /** The screenshot in tests/target/NAME, and also at {@code extra} when that is set (how docs/ gets its pictures). */
    void screenshot(String name, String extra) throws IOException {
        byte[] png = chrome.getScreenshotAs(OutputType.BYTES);
        Path target = Path.of(System.getProperty("user.dir"), "target", name);
        Files.createDirectories(target.getParent());
        Files.write(target, png);
        if (extra != null && !extra.isBlank()) {
            Files.write(Path.of(extra), png);
        }
    }

    @Override
    public void close() {
        chrome.quit();
    }
}
