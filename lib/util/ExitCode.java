package dev.launch.util;

/** The exit codes of docs/contract.md; scripts rely on them. */
public final class ExitCode {
    public static final int OK = 0;
    /** A runtime failure: a process failed, a port is busy for {@code check}. */
    public static final int FAILURE = 1;
    /** Bad usage or bad configuration. */
    public static final int USAGE = 2;
    /** No free block in any range of the chain. */
    public static final int NO_FREE_BLOCK = 3;
    /** An internal error: a bug in launch, not a mistake of the user. */
    public static final int INTERNAL = 4;

    /** A run whose standard output was closed (EPIPE), as a shell reports a process killed by SIGPIPE. */
    public static final int OUTPUT_CLOSED = 141;

    private ExitCode() {}
}
