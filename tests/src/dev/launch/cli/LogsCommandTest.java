package dev.launch.cli;

import dev.launch.testing.Cleanup;

import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.LiveStack;
import dev.launch.testing.Stack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** `logs` from another shell: the last lines, prefixed as in the launcher's terminal, and -f. */
@ExtendWith(Cleanup.class)
class LogsCommandTest {
    @TempDir
    Path dir;

    @Test
    void theLastLinesOfOneProcessPrefixedAsInTheTerminal() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = LiveStack.up(project);
        assertTrue(Stack.eventually(Duration.ofSeconds(10), () -> stack.out.stream().anyMatch(l -> l.endsWith("| tick 3"))),
                "the ticker has printed three lines");

        Launcher.Result r = project.subprocess("logs", stack.id(), "ticker", "-n", "3");

        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.stream().allMatch(l -> l.matches("ticker   \\| tick \\d+")), r.out());
        for (String line : lines) {
            assertTrue(stack.out.contains(line), "the same line as in the terminal: " + line);
        }
        Launcher.Result all = project.subprocess("logs", stack.id());
        assertTrue(all.out().lines().anyMatch(l -> l.equals("stubborn | stubborn up")), all.out());
        // The prompt is shown without waiting for a newline; output that follows it within the flush delay joins its line.
        assertTrue(all.out().lines().anyMatch(l -> l.startsWith("talker   | prompt> ")), "a prompt without a newline: " + all.out());
        assertEquals(2, project.subprocess("logs", stack.id(), "tikcer").exit());
        assertEquals(1, project.subprocess("logs", "app-9").exit());
    }

    @Test
    void followingSeesARestartAndEndsWithZeroWhenTheInstanceStops() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = LiveStack.up(project);
        Process follow = Launcher.processBuilder(project.root, Map.of(), project.args("logs", stack.id(), "talker", "-f")).start();
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread pump = new Thread(() -> new BufferedReader(new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8)).lines().forEach(seen::add));
        pump.setDaemon(true);
        pump.start();
        try {
            assertTrue(Stack.eventually(Duration.ofSeconds(10), () -> seen.stream().anyMatch(l -> l.startsWith("talker   | hello from talker"))), seen.toString());

            Launcher.Result restart = project.subprocess("restart", stack.id(), "talker");

            assertEquals(0, restart.exit(), restart.err());
            assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> seen.stream().filter(l -> l.startsWith("talker   | hello from talker")).count() == 2),
                    seen.toString());
            assertTrue(seen.stream().noneMatch(l -> l.startsWith("ticker")), seen.toString());
            assertTrue(follow.isAlive());

            assertEquals(0, project.subprocess("stop", stack.id()).exit());

            assertTrue(follow.waitFor(10, TimeUnit.SECONDS), "logs -f ends with the instance");
            assertEquals(0, follow.exitValue());
        } finally {
            follow.destroyForcibly();
        }
    }
}
