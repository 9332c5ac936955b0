package dev.launch.proc;

import dev.launch.util.Platform;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts children in a session of their own: a child there does not get the terminal's Ctrl-C,
 * so the launcher alone decides the order of shutdown. util-linux {@code setsid -w} on Linux;
 * perl's POSIX::setsid where that is missing (macOS) or the portable way is asked for; no prefix
 * (children share the launcher's process group) without both.
 */
final class Sessions {
    /** exec keeps the pid, as setsid(1) does when it need not fork (a child of the JVM leads no group). */
    static final List<String> PERL = List.of("perl", "-MPOSIX", "-e",
            "POSIX::setsid(); exec {$ARGV[0]} @ARGV or do { print STDERR \"launch: cannot run $ARGV[0]: $!\\n\"; exit 127 }",
            "--");
    private static volatile List<String> prefix;

    private Sessions() {}

    static List<String> prefix() {
        List<String> p = prefix;
        if (p == null) {
            p = List.of();
            if (!Platform.portable() && setsidWorks()) {
                p = List.of("setsid", "-w");
            } else if (Platform.onPath("perl")) {
                p = PERL;
            }
            prefix = p;
        }
        return p;
    }

    private static boolean setsidWorks() {
        try {
            Process p = new ProcessBuilder("setsid", "-w", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
