package dev.launch.cli;

import dev.launch.proc.ProcessTree;
import dev.launch.testing.Launcher;
import dev.launch.testing.Stack;
import dev.launch.testing.TestFiles;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script that starts a stack and later runs `stop` without ever reaping the launcher: once
 * the launcher has exited it is a zombie, and `stop` must count it as gone, not wait forever.
 */
class StopUnreapedLauncherTest {
    @TempDir
    Path dir;

    private Process parent;

    @AfterEach
    void cleanUp() {
        if (parent != null) {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    @Test
    void stopReturnsWithinGracePlusFiveSecondsWhenTheLauncherIsLeftUnreaped() throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 1, false);
        project.writeProfile("app", Files.readString(project.profiles.resolve("app.yaml")) + """
                processes:
                  keep:
                    command: [sleep, "1000"]
                """);
        Path log = dir.resolve("launcher.log");
        // The parent starts the launcher, then becomes `sleep`, which never reaps it.
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "\"$@\" >\"$LOG\" 2>&1 & echo $!; exec sleep 120", "sh"));
        cmd.addAll(Launcher.javaCommand(project.args("app", "--grace", "1s", "--no-color")));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("LOG", log.toString());
        parent = pb.start();
        long launcher = Long.parseLong(new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8)).readLine().trim());
        assertTrue(Stack.eventually(Duration.ofSeconds(60), () -> TestFiles.readOrEmpty(log).contains(" is up in ")), TestFiles.readOrEmpty(log));

        long t0 = System.nanoTime();
        Launcher.Result stop = Launcher.within(Duration.ofSeconds(30), dir, Map.of(), project.args("stop", "app-1", "--timeout", "3s"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, stop.exit(), stop.err());
        assertTrue(stop.out().contains("stopped app-1"), stop.out());
        assertTrue(ms < 1000 + 5000 + 3000, "stop took " + ms + " ms (grace 1s; the stop command's own JVM start included)");
        ProcessHandle zombie = ProcessHandle.of(launcher).orElseThrow();
        assertTrue(zombie.isAlive() && !ProcessTree.running(zombie), "the launcher is an unreaped zombie, as the test meant");
        assertFalse(Files.exists(project.state.resolve("instances/app-1.json")));
    }
}
