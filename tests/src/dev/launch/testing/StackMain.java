package dev.launch.testing;

import dev.launch.proc.Processes;
import dev.launch.ports.PortRange;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.run.LogMux;
import dev.launch.run.RenderedProcess;
import dev.launch.run.Supervisor;
import dev.launch.run.Watchdog;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A stand-in launcher for tests that need a separate JVM to kill: registers a RUN entry, starts
 * a watchdog and a small stack (with a grandchild, a double-forked daemon and a SIGTERM-ignoring
 * child), prints "READY" once the stack is ready, and tears down on SIGTERM like the real one.
 * Args: STATE_DIR TOKEN GRACE_MILLIS
 */
public final class StackMain {
    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(args[0]);
        String token = args[1];
        Duration grace = Duration.ofMillis(Long.parseLong(args[2]));
        PrintWriter err = new PrintWriter(System.err, true);
        Registry registry = new Registry(stateDir, err);
        String id = "test-1";
        registry.locked(s -> {
            s.put(Instance.run(id, "test", new PortRange("TEST", 65535, 1), Map.of(), token, Path.of("").toAbsolutePath().toString()));
            return null;
        });
        Watchdog watchdog = Watchdog.start(stateDir, id, token, grace);
        List<RenderedProcess> stack = List.of(
                Stack.sh("tree", "sleep 311 & ( sleep 312 & ) ; echo up; wait"),
                Stack.sh("stubborn", "trap '' TERM; sleep 313 & wait"),
                Stack.dependsOn(Stack.sh("last", "exec sleep 314"), "tree"));
        LogMux logs = new LogMux(System.out, stack.stream().map(RenderedProcess::name).toList(), false);
        Supervisor supervisor = new Supervisor(stack, token, grace, logs, err, false, info -> {
            if (info.pid() > 0 && info.state().equals("running")) {
                watchdog.track(info.pid(), info.pidStart());
            }
        });
        supervisor.spare(watchdog.pid());
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::stop));
        supervisor.allReady().thenRun(() -> logs.plain("READY watchdog=" + watchdog.pid()));
        supervisor.afterTeardown(() -> {
            registry.locked(s -> {
                s.remove(id);
                return null;
            });
            watchdog.done();
        });
        System.exit(supervisor.run());
    }
}
