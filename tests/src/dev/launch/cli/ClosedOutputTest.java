package dev.launch.cli;

import dev.launch.proc.ProcessTree;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.testing.Launcher;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `dev | head -3`: once the reader of stdout is gone, the launcher says so, stops the stack and exits 141. */
class ClosedOutputTest {
    private Process launcher;

    @AfterEach
    void kill() {
        if (launcher != null) {
            launcher.destroyForcibly();
        }
    }

    @Test
    void whenTheReaderGoesAwayTheStackStopsAndTheLauncherExits141(@TempDir Path dir) throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 1, false);
        project.writeProfile("app", Files.readString(project.profiles.resolve("app.yaml")) + """
                processes:
                  ticker:
                    command: [sh, -c, 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.1; done']
                """);
        Path err = dir.resolve("err.txt");
        launcher = Launcher.processBuilder(dir, Map.of(), project.args("app", "--grace", "1s", "--no-color"))
                .redirectError(err.toFile()).start();
        launcher.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            assertTrue(out.readLine() != null, () -> "the launcher's output ended early:\n" + TestFiles.readOrEmpty(err));
        }
        Instance instance = Registry.read(project.state.resolve("instances/app-1.json"));
        List<ProcessHandle> stack = ProcessTree.byToken(instance.runToken());
        assertFalse(stack.isEmpty());
        out.close();  // head -3 exits

        assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), Files.readString(err));
        assertEquals(141, launcher.exitValue(), Files.readString(err));
        assertTrue(Files.readString(err).contains("launch: standard output was closed (the reader of the pipe went away); stopping app-1"),
                Files.readString(err));
        assertTrue(stack.stream().noneMatch(ProcessTree::running), stack.toString());
        assertFalse(Files.exists(project.state.resolve("instances/app-1.json")));
    }
}
