package dev.launch.cli;

import dev.launch.testing.Launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
        assertShortUsageError(r, "Unknown option: '--jsno'");
        assertTrue(r.err().contains("Run 'launch status --help' for usage."), r.err());
    }

    @Test
    void aMalformedPortIsAUsageError() {
        assertShortUsageError(Launcher.inProcess("check", "http"), "'http'");
    }

    @Test
    void aMistypedCommandIsNotTakenForAProfile() {
        assertShortUsageError(Launcher.inProcess("stauts"), "did you mean the command \"status\"?");
    }

    @Test
    void stopNeedsAnInstanceOrAll() {
        assertShortUsageError(Launcher.inProcess("stop"), "Missing required argument");
    }
}
