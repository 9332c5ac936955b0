package dev.launch.proc;

import dev.launch.util.Platform;
import dev.launch.util.Spawn;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts children in a session of their own: a child there does not get the terminal's Ctrl-C,
 * so the launcher alone decides the order of shutdown. On Linux, perl also makes the child a
 * child subreaper (prctl PR_SET_CHILD_SUBREAPER, kept across exec): what its descendants
 * orphan, even a double-forked daemon that dropped the run's token, is reparented to the child
 * instead of init, so it stays in the tree that teardown walks. Orphans left after the child
 * itself has exited still go to init; macOS has no subreaper, and there only the token finds
 * a double fork. Without perl: util-linux {@code setsid -w}; neither: no prefix (children
 * share the launcher's process group).
 */
final class Sessions {
    /** exec keeps the pid, as setsid(1) does when it need not fork (a child of the JVM leads no group). */
    static final List<String> PERL = perl();
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static volatile List<String> prefix;

    private Sessions() {}

    static List<String> prefix() {
        List<String> p = prefix;
        if (p == null) {
            p = List.of();
            Linux calls = Linux.here();
            if (calls != null && Platform.onPath("perl")) {
                p = subreaper(calls);
            } else if (!Platform.portable() && setsidWorks()) {
                p = List.of("setsid", "-w");
            } else if (Platform.onPath("perl")) {
                p = PERL;
            }
            prefix = p;
        }
        return p;
    }

    /**
     * As {@link #PERL}, and the child becomes a subreaper first (a failed prctl leaves it an
     * ordinary child). Raw system calls: loading perl's POSIX module would triple the start-up cost.
     */
    static List<String> subreaper(Linux calls) {
        return List.of("perl", "-e", "syscall(" + calls.prctl() + ", " + PR_SET_CHILD_SUBREAPER + ", 1); syscall(" + calls.setsid()
                + "); exec {$ARGV[0]} @ARGV or do { print STDERR \"launch: cannot run $ARGV[0]: $!\\n\"; exit 127 }", "--");
    }

    /** The system call numbers of prctl and setsid on this machine (syscall.ph is often missing, so no lookup). */
    record Linux(int prctl, int setsid) {
        /** Null off Linux, or on an architecture whose numbers are not known here. */
        static Linux here() {
            if (!System.getProperty("os.name", "").equals("Linux")) {
                return null;
            }
            return switch (System.getProperty("os.arch", "")) {
                case "amd64", "x86_64" -> new Linux(157, 112);
                case "aarch64", "arm64" -> new Linux(167, 157);
                default -> null;
            };
        }
    }

    private static List<String> perl() {
        return List.of("perl", "-MPOSIX", "-e",
                "POSIX::setsid(); exec {$ARGV[0]} @ARGV or do { print STDERR \"launch: cannot run $ARGV[0]: $!\\n\"; exit 127 }",
                "--");
    }

    private static boolean setsidWorks() {
        try {
            Process p = Spawn.start(new ProcessBuilder("setsid", "-w", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD));
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return true;
            }
            p.destroyForcibly();
        } catch (IOException e) {
            // no setsid
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
