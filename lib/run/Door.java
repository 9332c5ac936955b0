package dev.launch.run;

import dev.launch.util.Threads;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The `jbang launch.java` process an installed JBang starts (the launch.java at the project root)
 * when it is this launcher's parent: it names itself in LAUNCH_DOOR_PID and waits for the stack.
 * It passes SIGTERM (and a Ctrl-C or hangup not sent by the terminal) on, so a signal sent to its
 * whole process group arrives twice; and if it is killed outright, nothing is passed on at all.
 */
final class Door {
    static final String VAR = "LAUNCH_DOOR_PID";
    private static final long POLL_MS = 200;

    private Door() {}

    /** The door's pid when it is this process's parent (a variable inherited from further up does not count). */
    static Optional<Long> parent() {
        String value = System.getenv(VAR);
        if (value == null || !value.matches("[1-9][0-9]{0,18}")) {
            return Optional.empty();
        }
        long pid = Long.parseLong(value);
        return ProcessHandle.current().parent().map(ProcessHandle::pid).filter(p -> p == pid);
    }

    /** Stops the stack as for SIGTERM once the door is gone (this process gets another parent). */
    static void watch(long door, Supervisor supervisor, PrintWriter err) {
        Threads.startDaemon("launch-door-watch", () -> {
            try {
                while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L) == door) {
                    Thread.sleep(POLL_MS);
                }
            } catch (InterruptedException e) {
                return;
            }
            err.println("launch: the `jbang launch.java` that started this launcher (pid " + door + ") is gone: stopping");
            err.flush();
            supervisor.requestStop(null, 143);
        });
    }
}
