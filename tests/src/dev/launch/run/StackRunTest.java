package dev.launch.run;

import dev.launch.testing.Launcher;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The steps of a run undo one another when a later one fails, and each failure names its own step. */
class StackRunTest {
    @Test
    void anEnvFileThatCannotBeWrittenIsReportedAsSuchAndEverythingBeforeItIsUndone(@TempDir Path dir) throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 1, false);
        Files.writeString(dir.resolve("first.env"), "# mine\nKEEP=1\n");
        Files.writeString(dir.resolve("blocker"), "a file, so nothing can be created under it\n");
        project.writeProfile("app", Files.readString(project.profiles.resolve("app.yaml")) + """
                processes:
                  never:
                    command: [sh, -c, 'echo started > never-started; sleep 30']
                envFiles:
                  - path: first.env
                    values: { A: "${ports.p0}" }
                  - path: blocker/second.env
                    values: { B: "${ports.p0}" }
                """);

        Launcher.Result r = project.inProcess("app");

        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("cannot write ") && r.err().contains("second.env"), r.err());
        assertFalse(r.err().contains("watchdog"), r.err());
        assertEquals("# mine\nKEEP=1\n", Files.readString(dir.resolve("first.env")));
        assertFalse(Files.exists(dir.resolve("never-started")));
        try (var entries = Files.list(project.state.resolve("instances"))) {
            assertEquals(List.of(), entries.filter(f -> f.toString().endsWith(".json")).toList());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (watchdogsOf(project.state).size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), watchdogsOf(project.state), "the watchdog of the failed run is gone");
    }

    private static List<ProcessHandle> watchdogsOf(Path state) {
        String stateDir = state.toAbsolutePath().toString();
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains(Watchdog.class.getName()) && c.contains(stateDir)).orElse(false)).toList();
    }
}
