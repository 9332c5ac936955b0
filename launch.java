///usr/bin/env true; exec "$(dirname "$0")/jbang" "$0" "$@"
//JAVA 17+
//JAVAC_OPTIONS -XDignore.symbol.file
//CDS
//JAVA_OPTIONS -Xlog:disable -Xlog:all=warning:stderr -XX:+UseG1GC -XX:TieredStopAtLevel=1 -Xshare:auto -Xss256k -Xmx16m -XX:-UsePerfData -Xlog:cds*=off -Xlog:cds*=off:stderr

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * `jbang launch.java ARGS` with an installed JBang: JBang builds and starts only this file, which
 * runs `./jbang launch.java ARGS` beside it. That wrapper starts the app (lib/launch.java) from
 * the command it recorded, or has JBang build it first; so an installed JBang costs about what
 * its hello world does, and the app starts as fast as from ./jbang. `./jbang launch.java` itself
 * never comes here. Also runs with the JDK alone: `java launch.java ARGS`.
 *
 * This process stays until the app exits and exits with its status. A terminal's Ctrl-C or hangup
 * reaches the app as well, so those are passed on only when this process is not in the terminal's
 * foreground; SIGTERM is passed on. Killed outright, it leaves the app to notice (the app stops
 * its stack when LAUNCH_DOOR_PID, its parent, is gone).
 */
class launch {
    public static void main(String[] args) throws Exception {
        Path home = home();
        if (home == null) {
            System.err.println("launch: cannot find the project: run `jbang launch.java` in the directory that holds it"
                    + " (with its ./jbang and lib/), or set LAUNCH_HOME to that directory.");
            System.exit(2);
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("jbang").toString(), home.resolve("launch.java").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("LAUNCH_DOOR_PID", Long.toString(ProcessHandle.current().pid()));
        // Handlers first: a signal that comes before the app exists is passed on once it does.
        CompletableFuture<Process> app = new CompletableFuture<>();
        passOn("TERM", app, false);
        passOn("INT", app, true);
        passOn("HUP", app, true);
        try {
            app.complete(builder.start());
        } catch (IOException e) {
            System.err.println("launch: cannot run " + command.get(0) + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        System.exit(app.get().waitFor());
    }

    /** LAUNCH_HOME, else the working directory, when it holds ./jbang and lib/launch.java. */
    static Path home() {
        String env = System.getenv("LAUNCH_HOME");
        Path dir = Path.of(env != null && !env.isBlank() ? env : "").toAbsolutePath().normalize();
        return Files.isExecutable(dir.resolve("jbang")) && Files.isRegularFile(dir.resolve("lib/launch.java")) ? dir : null;
    }

    /**
     * Passes signal NAME on to the app, unless it came from the terminal (TERMINAL) while the app
     * was there to get it too.
     */
    static void passOn(String name, CompletableFuture<Process> app, boolean terminal) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                boolean appWasThere = app.isDone();
                app.thenAccept(a -> {
                    if (!terminal) {
                        a.destroy();
                        return;
                    }
                    if (appWasThere && inForeground()) {
                        return;
                    }
                    try {
                        new ProcessBuilder("kill", "-" + name, Long.toString(a.pid())).inheritIO().start().waitFor();
                    } catch (IOException | InterruptedException e) {
                        a.destroy();
                    }
                });
            });
        } catch (IllegalArgumentException e) {
            // Ignored where this process was started (a background job of a script): the app's is too.
        }
    }

    /** In the foreground process group of its terminal (ps marks it with a +): a terminal signal reached the whole group. */
    static boolean inForeground() {
        try {
            Process ps = new ProcessBuilder("ps", "-o", "stat=", "-p", Long.toString(ProcessHandle.current().pid()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String stat = new String(ps.getInputStream().readAllBytes());
            ps.waitFor();
            return stat.contains("+");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
