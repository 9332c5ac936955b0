package dev.launch.cli;

import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A bug (any exception but LaunchException) exits 4 with one line asking for a report; a user's mistake keeps its code. */
class InternalErrorTest {
    @Test
    void aBugExitsFourWithOneLineAskingForAReport() {
        StringWriter err = new StringWriter();
        int exit = ErrorReport.report(new IllegalStateException("no such state"), new PrintWriter(err, true), false);
        assertEquals(ExitCode.INTERNAL, exit);
        assertEquals(4, exit);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("launch: internal error (a bug in launch, not in your input): "
                + "java.lang.IllegalStateException: no such state; please report it"), err.toString());
    }

    @Test
    void withVerboseTheStackTraceFollows() {
        StringWriter err = new StringWriter();
        ErrorReport.report(new IllegalStateException("no such state"), new PrintWriter(err, true), true);
        assertTrue(err.toString().lines().anyMatch(l -> l.contains("at dev.launch.cli.InternalErrorTest")), err.toString());
    }

    @Test
    void aUsersMistakeKeepsItsExitCodeAndHasNoStackTrace() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCode.USAGE, ErrorReport.report(LaunchException.usage("bad"), new PrintWriter(err, true), true));
        assertEquals("launch: bad", err.toString().strip());
    }
}
