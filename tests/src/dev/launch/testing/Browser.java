package dev.launch.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for browser tests, through the system's chromedriver (Debian's `chromium` and
 * `chromium-driver`): both paths are given to Selenium, so Selenium Manager never downloads
 * anything. Without them the tests are skipped ({@code @EnabledIf}, so the runner reports SKIP with
 * the reason), except under CI=true, where they fail.
 */
public final class Browser {
    /** Held so the level sticks: Selenium warns that it has no CDP classes for this Chromium, which no test uses. */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private Browser() {}

    public static final String MISSING = "chromium or chromedriver not found (looked at $CHROME_BIN, /usr/bin/chromium and "
            + "$CHROMEDRIVER, /usr/bin/chromedriver); install them with: apt-get install -y chromium chromium-driver";
    public static final String SKIPPED = MISSING + " (skipped; with CI=true this test fails instead)";

    /** For {@code @EnabledIf}: run when the browser is here, and always under CI, where a missing one must fail. */
    public static boolean availableOrRequired() {
        return available() || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static boolean available() {
        return chromium() != null && chromedriver() != null;
    }

    private static Path chromium() {
        return find("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    }

    private static Path chromedriver() {
        return find("CHROMEDRIVER", "/usr/bin/chromedriver");
    }

    public static ChromeDriver start(Path profileDir) {
        CDP_LOG.setLevel(Level.SEVERE);
        Path chromium = chromium();
        Path driver = chromedriver();
        if (chromium == null || driver == null) {
            fail("CI must run the browser test, but " + MISSING);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // Running as root needs --no-sandbox; the background-networking flags keep Chromium from
        // dialling out, which a sandboxed machine answers by refusing its connections.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profileDir, "--window-size=1280,900");
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return chrome;
    }

    private static Path find(String env, String... candidates) {
        return Stream.concat(Optional.ofNullable(System.getenv(env)).stream(), Stream.of(candidates))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst().orElse(null);
    }
}
