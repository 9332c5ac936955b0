package dev.launch.cli;

import dev.launch.testing.Cleanup;

import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.LiveStack;
import dev.launch.testing.Stack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.launch.run.LogMux;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
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
    void onATerminalEachPrefixHasTheColourTheLauncherGaveItsProcess() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script gives the command a terminal");
        TestProject project = new TestProject(dir);
        LaunchedStack stack = LiveStack.up(project);
        assertTrue(Stack.eventually(Duration.ofSeconds(10), () -> stack.out.stream().anyMatch(l -> l.endsWith("| tick 3"))),
                "the ticker has printed three lines");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        new LogMux(expected, List.of("talker", "ticker", "stubborn"), true).line("ticker", "tick 1");

        String onTerminal = onATerminal(project.args("logs", stack.id(), "ticker", "-n", "2"));
        String noColor = onATerminal(project.args("logs", stack.id(), "ticker", "-n", "2", "--no-color"));
        Launcher.Result piped = project.subprocess("logs", stack.id(), "ticker", "-n", "2");

        String colouredPrefix = expected.toString(StandardCharsets.UTF_8).replace("tick 1\n", "");
        assertTrue(colouredPrefix.startsWith("\u001b["), colouredPrefix);
        List<String> lines = onTerminal.lines().map(l -> l.replace("\r", "")).filter(l -> !l.isEmpty()).toList();
        assertEquals(2, lines.size(), onTerminal);
        assertTrue(lines.stream().allMatch(l -> l.startsWith(colouredPrefix + "tick ")), "the terminal's colour: " + lines);
        assertTrue(noColor.contains("ticker   | tick ") && !noColor.contains("\u001b["), noColor);
        assertTrue(piped.out().contains("ticker   | tick ") && !piped.out().contains("\u001b["), piped.out());
    }

    /** stdout of the launcher run on a pseudo-terminal (util-linux script), so that it colours. */
    private String onATerminal(String... args) throws Exception {
        String command = Launcher.javaCommand(args).stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null").redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("NO_COLOR");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new String(out, StandardCharsets.UTF_8);
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
