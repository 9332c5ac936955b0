package dev.launch.util;

/**
 * The one exception for anything a user can cause: an exit code and a sentence that says what
 * went wrong and what to do. Mapped once, by the command line, to "launch: MESSAGE" on stderr; never
 * shown as a stack trace unless --verbose.
 */
public class LaunchException extends RuntimeException {
    private final int exitCode;

    public LaunchException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public LaunchException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static LaunchException usage(String message) {
        return new LaunchException(ExitCode.USAGE, message);
    }

    public static LaunchException failure(String message) {
        return new LaunchException(ExitCode.FAILURE, message);
    }
}
