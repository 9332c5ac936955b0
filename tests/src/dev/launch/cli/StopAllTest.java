package dev.launch.cli;

import dev.launch.testing.Cleanup;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stop --all} stops every instance at once. Each stack's process, once asked to stop,
 * waits for the other stack's process to be asked too and only then exits on its own: stopped
 * one after the other, the first would wait out its grace and be killed, and never say it saw the other.
 */
@ExtendWith(Cleanup.class)
class StopAllTest {
    @TempDir
    Path dir;

    @Test
    void stopAllAsksEveryInstanceBeforeAnyHasFinished() throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(2, 1, false);
        Path marks = Files.createDirectories(dir.resolve("marks"));
        Files.writeString(dir.resolve("hold.sh"), String.join("\n",
                "trap 'touch \"$MARKS/term-$LAUNCH_INSTANCE\"; i=0",
                "  while [ \"$(ls \"$MARKS\" | grep -c \"^term-\")\" -lt 2 ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done",
                "  [ $i -lt 600 ] && touch \"$MARKS/saw-$LAUNCH_INSTANCE\"; exit 0' TERM",
                "echo holding",
                "while :; do sleep 0.2; done", ""));
        Files.writeString(project.profiles.resolve("app.yaml"), Files.readString(project.profiles.resolve("app.yaml"))
                + "processes:\n  hold:\n    command: [sh, hold.sh]\n    env: { MARKS: \"" + marks + "\" }\n");

        List<LaunchedStack> stacks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            LaunchedStack s = LaunchedStack.startWith(project, "--grace", "20s");
            assertTrue(s.awaitUp(Duration.ofSeconds(60)), "not up: " + s.out + s.errText());
            stacks.add(s);
        }

        Launcher.Result stop = project.subprocess("stop", "--all");
        assertEquals(0, stop.exit(), stop.err());
        assertEquals(Set.of("stopped app-1", "stopped app-2"), new TreeSet<>(List.of(stop.out().trim().split("\n"))), stop.out());
        for (LaunchedStack s : stacks) {
            assertTrue(s.process.waitFor(10, TimeUnit.SECONDS), "launcher exited");
        }
        Set<String> seen = new TreeSet<>();
        try (var files = Files.list(marks)) {
            files.forEach(f -> seen.add(f.getFileName().toString()));
        }
        assertEquals(Set.of("term-app-1", "term-app-2", "saw-app-1", "saw-app-2"), seen,
                "each stack's process was asked to stop while the other's was still running");
        assertTrue(!stop.err().contains("killed it"), stop.err());
    }
}
