package dev.launch.cli;

import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;

import java.io.PrintWriter;

/** The one place where an exception a command throws becomes a message and an exit code. */
final class ErrorReport {
    private ErrorReport() {}

    /**
     * "launch: MESSAGE" on stderr and the exception's exit code. Anything that is not a
     * LaunchException is a bug: one line asking for a report, exit 4; a stack trace only with --verbose.
     */
    static int report(Exception ex, PrintWriter err, boolean verbose) {
        if (ex instanceof LaunchException le) {
            err.println("launch: " + le.getMessage());
            if (verbose && le.getCause() != null) {
                le.getCause().printStackTrace(err);
            }
            err.flush();
            return le.exitCode();
        }
        err.println("launch: internal error (a bug in launch, not in your input): " + ex
                + "; please report it with the output of the same command run with --verbose");
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INTERNAL;
    }
}
