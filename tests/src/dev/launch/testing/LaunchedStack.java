package dev.launch.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real `launch app` process in a test project: stdout and stderr collected line by line.
 * {@link #killAll} (for @AfterEach) SIGKILLs every launcher a test started and reaps whatever
 * their watchdogs leave, so no test leaves processes behind.
 */
public final class LaunchedStack {
    private static final List<LaunchedStack> STARTED = new CopyOnWriteArrayList<>();

    public final Process process;
    public final List<String> out = new CopyOnWriteArrayList<>();
    public final List<String> err = new CopyOnWriteArrayList<>();

    private LaunchedStack(Process process) {
        this.process = process;
        pump(process.getInputStream(), out);
        pump(process.getErrorStream(), err);
    }

    /**
     * A profile `app` over {@code project}'s chain: two python3 HTTP servers on p0 and p1 (p1's
     * server starts a grandchild `sleep`), and an env file app.env.
     */
    public static void writeProfile(TestProject project, String extra) throws Exception {
        String ports = Files.readString(project.profiles.resolve("app.yaml"));
        project.writeProfile("app", ports.substring(0, ports.indexOf("processes:") < 0 ? ports.length() : ports.indexOf("processes:")) + """
                processes:
                  web:
                    command: [python3, -m, http.server, --bind, 127.0.0.1, "${ports.p0}"]
                    ready: { tcp: "${ports.p0}" }
                  api:
                    command: [sh, -c, 'sleep 600 & exec python3 -m http.server --bind 127.0.0.1 $P1_PORT']
                    depends_on: [web]
                    ready: { http: "http://127.0.0.1:${ports.p1}/" }
                """ + extra + """
                envFiles:
                  - path: app.env
                    values: { WEB_URL: "http://localhost:${ports.p0}" }
                """);
    }

    /**
     * A light profile `app` over {@code project}'s chain: one python3 HTTP server on p0, and one
     * env file at {@code envPath} (may hold templates) with WEB_URL and WHO (the instance id).
     * {@code portsExtra}: more lines of the ports: mapping (e.g. "  sticky: true\n").
     */
    public static void writeEnvFileProfile(TestProject project, String envPath, String portsExtra) throws Exception {
        String ports = Files.readString(project.profiles.resolve("app.yaml"));
        ports = ports.substring(0, ports.indexOf("processes:") < 0 ? ports.length() : ports.indexOf("processes:"));
        project.writeProfile("app", ports + portsExtra + """
                processes:
                  web:
                    command: [python3, -m, http.server, --bind, 127.0.0.1, "${ports.p0}"]
                    ready: { tcp: "${ports.p0}" }
                envFiles:
                  - path:\s""" + envPath + """

                    values: { WEB_URL: "http://localhost:${ports.p0}", WHO: "${instance.id}" }
                """);
    }

    /** SIGTERM, then waits (at most a minute) for the launcher to finish its teardown; its exit code. */
    public int stop() throws Exception {
        signal("TERM");
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("launcher did not stop within a minute: " + err);
        }
        return process.exitValue();
    }

    public String errText() {
        return String.join("\n", err);
    }

    public static LaunchedStack start(TestProject project, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--grace", "2s"));
        args.addAll(List.of(extraArgs));
        return startWith(project, args.toArray(String[]::new));
    }

    /** As {@link #start}, with exactly these run options (no --grace of its own). */
    public static LaunchedStack startWith(TestProject project, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(project.args("app", "--no-color")));
        args.addAll(List.of(options));
        Process p = Launcher.processBuilder(project.root, Map.of(), args.toArray(String[]::new)).start();
        p.getOutputStream().close();
        LaunchedStack s = new LaunchedStack(p);
        STARTED.add(s);
        return s;
    }

    /** Waits for the banner (true) or the launcher's exit (false). */
    public boolean awaitUp(Duration timeout) throws InterruptedException {
        Stack.eventually(timeout, () -> banner() || !process.isAlive());
        return banner();
    }

    public boolean banner() {
        return out.stream().anyMatch(l -> l.contains(" is up in "));
    }

    public String id() {
        return out.stream().filter(l -> l.contains(" is up in ")).findFirst().map(l -> l.trim().split(" ")[0]).orElseThrow();
    }

    /** Sends a signal by name (INT, TERM, HUP, KILL) to the launcher. */
    public void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    }

    public static void killAll() {
        for (LaunchedStack s : STARTED) {
            s.process.destroyForcibly();
        }
        STARTED.clear();
    }

    private static void pump(java.io.InputStream in, List<String> into) {
        Thread t = new Thread(() -> new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().forEach(into::add));
        t.setDaemon(true);
        t.start();
    }
}
