package dev.launch.cli;

import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Stack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared env file (a path without templates) belongs to one instance at a time: when its owner
 * stops, the oldest other instance of the checkout using it takes it over and writes its values,
 * saying so in both terminals; when the last one stops the original comes back byte for byte,
 * also when owners stop at the same moment or an owner is SIGKILLed.
 */
class SharedEnvFileHandOverTest {
    /** A BOM, CRLF line ends, a comment, a managed key with its own earlier value, no final newline. */
    private static final byte[] ORIGINAL = "\uFEFF# the frontend's settings\r\nWHO=nobody # set by hand\r\nDEBUG=1"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        LaunchedStack.killAll();
    }

    private TestProject project;
    private Path envFile;

    private List<LaunchedStack> start(int count) throws Exception {
        project = new TestProject(dir);
        project.withChain(count, 2, false);
        LaunchedStack.writeEnvFileProfile(project, "app/.env.development", "");
        envFile = dir.resolve("app/.env.development");
        Files.createDirectories(envFile.getParent());
        Files.write(envFile, ORIGINAL);
        List<LaunchedStack> stacks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // one after the other, so that app-1 is the oldest, then app-2, ...
            LaunchedStack s = LaunchedStack.start(project);
            assertTrue(s.awaitUp(Duration.ofSeconds(60)), "not up: " + s.out + s.err);
            assertEquals("app-" + (i + 1), s.id());
            stacks.add(s);
        }
        return stacks;
    }

    private String who() throws Exception {
        return dev.launch.envfile.EnvFile.read(envFile).get("WHO");
    }

    @Test
    void whenTheOwnerStopsTheOldestOtherInstanceTakesTheFileAndTheLastStopRestoresTheOriginal() throws Exception {
        List<LaunchedStack> s = start(3);
        assertEquals("app-1", who());

        assertEquals(143, s.get(0).stop());
        assertEquals("app-2", who(), "the oldest remaining instance owns the file now");
        assertTrue(s.get(0).errText().contains("app/.env.development passes to app-2"), s.get(0).errText());
        assertTrue(Stack.eventually(Duration.ofSeconds(10), () -> s.get(1).errText().contains("was handed to app-2")),
                s.get(1).errText());
        assertTrue(new String(Files.readAllBytes(envFile), StandardCharsets.UTF_8).startsWith("\uFEFF# the frontend's settings\r\nWHO=app-2"),
                "the other lines stay as they were");

        assertEquals(143, s.get(2).stop());
        assertEquals("app-2", who(), "a non-owner's stop leaves the file alone");

        assertEquals(143, s.get(1).stop());
        assertArrayEquals(ORIGINAL, Files.readAllBytes(envFile));
    }

    @Test
    void twoOwnersStoppingAtTheSameMomentNeverLoseTheOriginal() throws Exception {
        List<LaunchedStack> s = start(3);
        // app-1 owns it and hands it to app-2, which is stopping at the same moment and hands it on to app-3.
        new ProcessBuilder("kill", "-TERM", Long.toString(s.get(0).process.pid()), Long.toString(s.get(1).process.pid()))
                .start().waitFor();
        assertTrue(s.get(0).process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(s.get(1).process.waitFor(60, TimeUnit.SECONDS));
        assertEquals("app-3", who());
        assertEquals(143, s.get(2).stop());
        assertArrayEquals(ORIGINAL, Files.readAllBytes(envFile));
    }

    @Test
    void theLastTwoStoppingAtTheSameMomentBringBackTheOriginal() throws Exception {
        List<LaunchedStack> s = start(2);
        new ProcessBuilder("kill", "-TERM", Long.toString(s.get(0).process.pid()), Long.toString(s.get(1).process.pid()))
                .start().waitFor();
        assertTrue(s.get(0).process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(s.get(1).process.waitFor(60, TimeUnit.SECONDS));
        assertArrayEquals(ORIGINAL, Files.readAllBytes(envFile));
    }

    @Test
    void aSigkilledOwnerHandsTheFileOverThroughItsWatchdog() throws Exception {
        List<LaunchedStack> s = start(2);
        s.get(0).signal("KILL");
        assertTrue(Stack.eventually(Duration.ofSeconds(15), () -> {
            try {
                return "app-2".equals(who());
            } catch (Exception e) {
                return false;
            }
        }), "app-2 did not take the file over");
        assertTrue(Stack.eventually(Duration.ofSeconds(10), () -> s.get(1).errText().contains("was handed to app-2")),
                s.get(1).errText());
        assertEquals(143, s.get(1).stop());
        assertArrayEquals(ORIGINAL, Files.readAllBytes(envFile));
    }
}
