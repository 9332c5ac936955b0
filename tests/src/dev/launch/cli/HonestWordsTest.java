package dev.launch.cli;

import dev.launch.testing.Cleanup;

import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.Stack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the launcher says is what happened: ready or only started, used ports, stop counts, restarts, range names. */
class HonestWordsTest {
    @AfterEach
    void stopStacks() {
        Cleanup.endAll();
    }

    @Test
    void theBannerSaysWhichProcessesWereCheckedAndLinksOnlyPortsAProcessUses(@TempDir Path dir) throws Exception {
        TestProject project = new TestProject(dir);
        List<Integer> bases = project.withChain(1, 3, false);
        LaunchedStack.writeProfile(project, """
                  worker:
                    command: [sleep, "600"]
                """);
        LaunchedStack stack = LaunchedStack.start(project);
        assertTrue(stack.awaitUp(Duration.ofSeconds(60)), stack.out + "\n" + stack.err);
        String title = stack.out.stream().filter(l -> l.contains(" is up in ")).findFirst().orElseThrow();
        assertTrue(title.matches(" app-1 is up in \\S+ \\(2 ready; worker started, no ready check\\): profile app, .*"), title);
        int p2 = bases.get(0) + 2;
        assertTrue(stack.out.stream().anyMatch(l -> l.matches(" +p0 +http://localhost:" + bases.get(0) + "/? +P0_PORT=\\d+")), stack.out.toString());
        assertTrue(stack.out.stream().anyMatch(l -> l.matches(" +p1 +http://localhost:\\d+/? +P1_PORT=\\d+")), stack.out.toString());
        assertTrue(stack.out.stream().anyMatch(l -> l.matches(" +p2 +P2_PORT=" + p2 + " +\\(reserved; no process of the stack uses it\\)")),
                stack.out.toString());
        assertFalse(stack.out.stream().anyMatch(l -> l.contains("http://localhost:" + p2)), stack.out.toString());

        // web, api (which forked a sleep) and worker: three of the stack, one descendant
        stack.signal("TERM");
        assertTrue(stack.process.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> stack.err.stream().anyMatch(l -> l.contains("launch: stopped "))));
        String stopped = stack.err.stream().filter(l -> l.contains("launch: stopped ")).findFirst().orElseThrow();
        assertTrue(stopped.startsWith("launch: stopped 3 processes of the stack and 1 descendant in "), stopped);
    }

    @Test
    void aProcessWhoseOnlyCheckIsStartedSaysSo(@TempDir Path dir) throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 1, false);
        project.writeProfile("app", Files.readString(project.profiles.resolve("app.yaml")) + """
                processes:
                  web:
                    command: [python3, -m, http.server, --bind, 127.0.0.1, "${ports.p0}"]
                """);
        LaunchedStack stack = LaunchedStack.start(project);
        assertTrue(stack.awaitUp(Duration.ofSeconds(60)), stack.out + "\n" + stack.err);
        assertTrue(stack.out.stream().anyMatch(l -> l.contains(" is up in ") && l.contains("(web started, no ready check)")), stack.out.toString());
    }

    @Test
    void statusSpellsOutRestarts(@TempDir Path dir) throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 1, false);
        project.writeProfile("app", Files.readString(project.profiles.resolve("app.yaml")) + """
                processes:
                  flaky:
                    command: [sh, -c, 'if [ -e once ]; then exec sleep 600; fi; touch once; exit 3']
                    restart: on-failure
                """);
        LaunchedStack stack = LaunchedStack.start(project);
        assertTrue(Stack.eventually(Duration.ofSeconds(60), () -> {
            Launcher.Result r = project.inProcess("status");
            return r.out().contains("flaky:ready(1 restart)");
        }), project.inProcess("status").out() + stack.err);
        assertFalse(project.inProcess("status").out().contains("1x"));
    }

    @Test
    void rangeNamesOnTheCommandLineAreFoundLikeTheJavaApiFindsThem(@TempDir Path dir) throws Exception {
        TestProject project = new TestProject(dir);
        List<Integer> bases = project.withChain(2, 2, false);
        Files.writeString(project.config, Files.readString(project.config).replace("RB:", "SECOND_RANGE:"));
        project.writeProfile("app", Files.readString(project.profiles.resolve("app.yaml")).replace("RB]", "SECOND_RANGE]"));
        for (String spelling : new String[] {"SECOND_RANGE", "second-range", "Second_Range", "second range"}) {
            Launcher.Result r = project.inProcess("ports", "app", "--range", spelling, "--lease", "0");
            assertEquals(0, r.exit(), spelling + ": " + r.err());
            assertTrue(r.out().contains("export P0_PORT=" + bases.get(1)), r.out());
            assertTrue(r.err().contains("# Using SECOND_RANGE ports"), r.err());
        }
        Launcher.Result unknown = project.inProcess("ports", "app", "--range", "second-rnage");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown range second-rnage"), unknown.err());
        assertEquals(dev.launch.api.Ports.portsForEnvironment("second-range",
                dev.launch.config.PortsConfigLoader.load(project.config).ranges(), List.of("p0")).get("p0"), bases.get(1));
    }
}
