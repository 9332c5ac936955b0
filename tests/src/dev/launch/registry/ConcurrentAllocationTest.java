package dev.launch.registry;

import dev.launch.testing.Cleanup;
import dev.launch.testing.Stack;

import dev.launch.testing.BarrierMain;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten separate launcher processes started at the same instant on a three-range chain: exactly
 * three get a block, each a different one; the other seven exit 3.
 */
@ExtendWith(Cleanup.class)
class ConcurrentAllocationTest {
    @TempDir
    Path dir;

    @RepeatedTest(3)
    void tenLaunchersAtOnceGetThreeDistinctBlocksAndSevenExitThree() throws Exception {
        TestProject project = new TestProject(dir);
        List<Integer> bases = project.withChain(3, 4, false);
        Path go = dir.resolve("go");
        List<Process> processes = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        // Each JVM starts, then waits for the go file, so they all reach the allocator together.
        for (int i = 0; i < 10; i++) {
            Path out = dir.resolve("out-" + i);
            outs.add(out);
            List<String> cmd = new ArrayList<>(Launcher.javaCommand(project.args("ports", "app")));
            int main = cmd.indexOf("launch");
            cmd.set(main, BarrierMain.class.getName());
            cmd.add(main + 1, go.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(dir.resolve("err-" + i).toFile());
            processes.add(Cleanup.launcher(pb.start(), project.state));
        }
        // A real barrier: every JVM has started and says so before any may allocate.
        assertTrue(Stack.eventually(Duration.ofSeconds(60), () -> {
            try (var files = Files.list(dir)) {
                return files.filter(f -> f.getFileName().toString().startsWith("go.ready-")).count() == 10;
            } catch (java.io.IOException e) {
                return false;
            }
        }), "all ten launchers reached the barrier");
        Files.writeString(go, "go");
        int ok = 0;
        int noBlock = 0;
        Set<String> firstPorts = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Process p = processes.get(i);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("launcher " + i + " hung");
            }
            String out = Files.readString(outs.get(i));
            String err = Files.readString(dir.resolve("err-" + i));
            if (p.exitValue() == 0) {
                ok++;
                firstPorts.add(out.lines().findFirst().orElse(""));
            } else {
                assertEquals(3, p.exitValue(), err);
                assertEquals("", out);
                noBlock++;
            }
        }
        assertEquals(3, ok);
        assertEquals(7, noBlock);
        assertEquals(Set.of("export P0_PORT=" + bases.get(0), "export P0_PORT=" + bases.get(1),
                "export P0_PORT=" + bases.get(2)), firstPorts);
    }
}
