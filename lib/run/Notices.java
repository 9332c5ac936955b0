package dev.launch.run;

import dev.launch.util.ExitCode;

import java.io.PrintWriter;

/** The supervisor's own lines on stderr: progress (left out when quiet) and failures (always). */
final class Notices {
    private final PrintWriter err;
    private final boolean quiet;

    Notices(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    void info(String message) {
        if (!quiet) {
            error(message);
        }
    }

    void error(String message) {
        err.println("launch: " + message);
        err.flush();
    }

    /** Reports why the stack stops: the exit code to return. */
    int fail(String message) {
        error(message);
        return ExitCode.FAILURE;
    }
}
