package dev.launch.cli;

import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * When an env file cannot be given its earlier content back at teardown, that content must not
 * be lost with the registry entry: the entry stays for `prune`, which restores it later.
 */
class UnrestoredEnvFileTest {
    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        LaunchedStack.killAll();
    }

    @Test
    void theEntryIsKeptUntilPruneCanRestoreTheFile() throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 2, false);
        LaunchedStack.writeProfile(project, "");
        Path envFile = dir.resolve("app.env");
        Files.writeString(envFile, "KEEP=1\n");
        LaunchedStack stack = LaunchedStack.start(project);
        assertTrue(stack.awaitUp(Duration.ofSeconds(60)), stack.out + "\n" + stack.err);
        byte[] written = Files.readAllBytes(envFile);
        // Not UTF-8 any more: the launcher leaves such a file alone rather than guess.
        Files.write(envFile, new byte[] {'X', '=', (byte) 0xff, '\n'});
        stack.signal("TERM");
        assertTrue(stack.process.waitFor(30, TimeUnit.SECONDS));
        assertTrue(String.join("\n", stack.err).contains("kept in the registry"), String.join("\n", stack.err));

        Registry registry = new Registry(project.state, null);
        registry.live();
        List<Path> dead = registry.deadEntries();
        assertEquals(1, dead.size(), "the entry waits for prune");
        Instance kept = Registry.read(dead.get(0));
        assertEquals("KEEP=1\n", kept.envFiles().get(0).originalContent());

        Files.write(envFile, written);
        Launcher.Result prune = project.subprocess("prune");
        assertEquals(0, prune.exit(), prune.err());
        assertEquals("KEEP=1\n", Files.readString(envFile));
        assertTrue(new ArrayList<>(registry.deadEntries()).isEmpty(), "restored, the entry goes");
    }
}
