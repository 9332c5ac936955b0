package dev.launch.cli;

import dev.launch.testing.Cleanup;

import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An env-file path with templates gives each instance a file of its own (Vite's --mode per
 * instance), and `env ID --env-files` prints what an instance writes or would write.
 */
@ExtendWith(Cleanup.class)
class EnvFilesPerInstanceTest {
    @TempDir
    Path dir;

    @Test
    void threeStacksWithATemplatedPathWriteThreeFilesEachRemovedWhenItsStackStops() throws Exception {
        TestProject project = new TestProject(dir);
        List<Integer> bases = project.withChain(3, 2, false);
        LaunchedStack.writeEnvFileProfile(project, "app/.env.${instance.id}.local", "");
        List<LaunchedStack> stacks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stacks.add(LaunchedStack.start(project));
        }
        for (LaunchedStack s : stacks) {
            assertTrue(s.awaitUp(Duration.ofSeconds(60)), "not up: " + s.out + s.err);
            assertFalse(s.errText().contains("belongs to running instance"), s.errText());
        }
        List<Integer> seen = new ArrayList<>();
        for (LaunchedStack s : stacks) {
            Path file = dir.resolve("app/.env." + s.id() + ".local");
            String text = Files.readString(file);
            int port = Integer.parseInt(text.replaceAll("(?s).*WEB_URL=http://localhost:(\\d+).*", "$1"));
            seen.add(port);
            assertEquals("WEB_URL=http://localhost:" + port + "\nWHO=" + s.id() + "\n", text);
        }
        assertEquals(3, seen.stream().distinct().count(), seen.toString());
        assertTrue(bases.containsAll(seen), seen + " not in " + bases);

        for (LaunchedStack s : stacks) {
            Path file = dir.resolve("app/.env." + s.id() + ".local");
            assertEquals(143, s.stop(), s.errText());
            assertFalse(Files.exists(file), file + " left behind");
            for (LaunchedStack other : stacks) {
                if (other.process.isAlive()) {
                    assertTrue(Files.exists(dir.resolve("app/.env." + other.id() + ".local")), "removed too early");
                }
            }
        }
    }

    @Test
    void envFilesPrintsWhatTheOwnerWritesAndWhatAnotherInstanceWouldWrite() throws Exception {
        TestProject project = new TestProject(dir);
        List<Integer> bases = project.withChain(2, 2, false);
        LaunchedStack.writeEnvFileProfile(project, "app/.env.development", "");
        LaunchedStack first = LaunchedStack.start(project);
        assertTrue(first.awaitUp(Duration.ofSeconds(60)), first.errText());
        LaunchedStack second = LaunchedStack.start(project);
        assertTrue(second.awaitUp(Duration.ofSeconds(60)), second.errText());

        Launcher.Result owner = project.subprocess("env", first.id(), "--env-files");
        assertEquals(0, owner.exit(), owner.err());
        assertEquals("# app/.env.development\nWEB_URL=http://localhost:" + bases.get(0) + "\nWHO=" + first.id() + "\n", owner.out());
        assertEquals(Files.readString(dir.resolve("app/.env.development")), owner.out().substring(owner.out().indexOf('\n') + 1));

        // The second does not own the file; it prints what it would write, ready for a file of one's own.
        Launcher.Result other = project.subprocess("env", second.id(), "--env-files");
        assertEquals(0, other.exit(), other.err());
        assertEquals("# app/.env.development\nWEB_URL=http://localhost:" + bases.get(1) + "\nWHO=" + second.id() + "\n", other.out());
        Path mine = dir.resolve("app/.env.local");
        Files.writeString(mine, other.out());
        Launcher.Result read = Launcher.inProcess("env", "--help");
        assertEquals(0, read.exit());
        assertTrue(read.out().contains("--env-files"), read.out());
        assertEquals("http://localhost:" + bases.get(1), dev.launch.envfile.EnvFile.read(mine).get("WEB_URL"));
        assertEquals(143, second.stop(), second.errText());
        assertEquals(143, first.stop(), first.errText());
    }

    @Test
    void aReservationFromPortsPrintsWhatItsProfileWouldWrite() throws Exception {
        TestProject project = new TestProject(dir);
        List<Integer> bases = project.withChain(1, 2, false);
        LaunchedStack.writeEnvFileProfile(project, "app/.env.${instance.id}", "");
        Launcher.Result ports = project.inProcess("ports", "app", "--format", "json");
        assertEquals(0, ports.exit(), ports.err());
        Launcher.Result env = project.inProcess("env", "app-1", "--env-files");
        assertEquals(0, env.exit(), env.err());
        assertEquals("# app/.env.app-1\nWEB_URL=http://localhost:" + bases.get(0) + "\nWHO=app-1\n", env.out());
    }
}
