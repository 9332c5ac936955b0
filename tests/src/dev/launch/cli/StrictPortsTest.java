package dev.launch.cli;

import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestPorts;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strict mode (--strict or ports.strict): only the chain's first range; busy is exit 3 naming the holder. */
class StrictPortsTest {
    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        LaunchedStack.killAll();
    }

    @Test
    void portsStrictRefusesToFallBackAndNamesTheProcessHoldingThePort() throws Exception {
        TestProject project = new TestProject(dir);
        List<Integer> bases = project.withChain(2, 2, false);
        try (ServerSocket busy = TestPorts.listen("127.0.0.1", bases.get(0) + 1)) {
            Launcher.Result loose = project.subprocess("ports", "app", "--lease", "0");
            assertEquals(0, loose.exit(), loose.err());
            assertTrue(loose.out().startsWith("export P0_PORT=" + bases.get(1)), loose.out());

            Launcher.Result strict = project.subprocess("ports", "app", "--lease", "0", "--strict");
            assertEquals(3, strict.exit(), strict.err());
            assertEquals("", strict.out());
            assertTrue(strict.err().contains("range RA"), strict.err());
            assertTrue(strict.err().contains("port " + (bases.get(0) + 1) + " is held by pid " + ProcessHandle.current().pid()),
                    strict.err());
        }
    }

    @Test
    void aStrictProfileRunsOnlyOnItsFirstRangeAndAnotherInstanceIsNamedAsTheHolder() throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(2, 2, false);
        LaunchedStack.writeEnvFileProfile(project, "app.env", "  strict: true\n");
        LaunchedStack first = LaunchedStack.start(project);
        assertTrue(first.awaitUp(Duration.ofSeconds(60)), first.errText());
        LaunchedStack second = LaunchedStack.start(project);
        assertTrue(second.process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, second.process.exitValue(), second.errText());
        assertTrue(second.errText().contains("held by instance app-1 (app, pid " + first.process.pid() + ")"), second.errText());
        assertEquals(143, first.stop());
    }

    @Test
    void runStrictFlagDoesTheSameForAProfileThatIsNotStrict() throws Exception {
        TestProject project = new TestProject(dir);
        List<Integer> bases = project.withChain(2, 2, false);
        LaunchedStack.writeEnvFileProfile(project, "app.env", "");
        try (ServerSocket busy = TestPorts.listen("127.0.0.1", bases.get(0))) {
            LaunchedStack strict = LaunchedStack.start(project, "--strict");
            assertTrue(strict.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(3, strict.process.exitValue(), strict.errText());
            assertTrue(strict.errText().contains("port " + bases.get(0) + " is held by pid " + ProcessHandle.current().pid()),
                    strict.errText());
        }
    }
}
