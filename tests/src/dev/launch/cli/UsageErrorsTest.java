package dev.launch.cli;

import dev.launch.testing.Launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.launch.testing.TestProject;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad usage: one short paragraph on stderr, exit 2, nothing on stdout, no usage dump or stack trace. */
class UsageErrorsTest {
    private static void assertShortUsageError(Launcher.Result r, String expected) {
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("launch: "), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertTrue(r.err().lines().count() <= 3, r.err());
        assertFalse(r.err().contains("Usage:") || r.err().contains("\tat "), r.err());
    }

    @Test
    void anUnknownOptionSaysSoAndPointsAtHelp() {
        Launcher.Result r = Launcher.inProcess("status", "--jsno");
        assertShortUsageError(r, "status: unknown option \"--jsno\"; did you mean \"--json\"?");
        assertTrue(r.err().contains("Run './jbang launch.java status --help' for usage."), r.err());
    }

    @Test
    void aMalformedPortIsAUsageError() {
        assertShortUsageError(Launcher.inProcess("check", "http"), "check: PORT \"http\" is not a whole number (a port is 1-65535)");
        assertShortUsageError(Launcher.inProcess("check", "5001", "http"), "check: PORT \"http\" is not a whole number");
        assertFalse(Launcher.inProcess("check", "abc").err().contains("index"));
    }

    @Test
    void aNumberOptionGivenAWordSaysSoInTheProjectsWords() {
        assertShortUsageError(Launcher.inProcess("logs", "app-1", "-n", "abc"), "logs: --lines takes a whole number (got \"abc\")");
        assertShortUsageError(Launcher.inProcess("ui", "--port", "x"), "ui: --port takes a whole number (got \"x\")");
    }

    @Test
    void aMistypedCommandIsNotTakenForAProfile() {
        assertShortUsageError(Launcher.inProcess("stauts"), "did you mean the command \"status\"?");
    }

    @Test
    void stopNeedsAnInstanceOrAll() {
        assertShortUsageError(Launcher.inProcess("stop"), "name an instance to stop (see status), or --all");
    }

    @Test
    void aMistypedCommandWithAnArgumentGetsADidYouMeanNotAnIndex(@TempDir Path dir) throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 2, false);
        Launcher.Result r = project.inProcess("stpo", "dev-1");
        assertShortUsageError(r, "no profile or command \"stpo\"; did you mean the command \"stop\"? (./jbang launch.java stop dev-1)");
        assertFalse(r.err().contains("index"), r.err());
    }

    @Test
    void aProfileTwiceSaysARunTakesOneProfile(@TempDir Path dir) throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 2, false);
        assertShortUsageError(project.inProcess("app", "app"), "a run takes one profile; got \"app\", then \"app\"");
        assertShortUsageError(project.inProcess("xyzzy", "foo"), "\"xyzzy\" is neither a command nor a profile (commands: ports,");
        assertTrue(project.inProcess("xyzzy", "foo").err().contains("; profiles: app)"));
    }

    @Test
    void anExtraArgumentNamesWhatTheCommandTakes() {
        assertShortUsageError(Launcher.inProcess("status", "extra"), "status: takes no arguments; got \"extra\"");
        assertShortUsageError(Launcher.inProcess("env", "a", "b"), "env: unexpected argument \"b\" (env takes INSTANCE)");
        assertShortUsageError(Launcher.inProcess("env"), "env: missing INSTANCE");
    }
}
