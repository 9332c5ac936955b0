package dev.launch.cli;

import dev.launch.ports.PortProbe;
import dev.launch.ports.PortRange;
import dev.launch.project.Project;
import dev.launch.registry.RangeStates;
import dev.launch.registry.Registry;
import dev.launch.ui.UiRecord;
import dev.launch.ui.UiServer;
import dev.launch.ui.UiSession;
import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;
import dev.launch.util.Platform;
import dev.launch.util.Spawn;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.BindException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ui",
        header = "A local web page of live instances, their ports, processes and logs, on 127.0.0.1 until Ctrl-C.",
        description = "Prints a one-time link that opens the page and gives your browser its session; "
                + "a second `ui` reuses the running one and prints a fresh link for it.")
public final class UiCommand extends BaseCommand {
    static final String UI_RANGE = "UI";


    @Option(names = "--port", paramLabel = "P",
            description = "serve on this port (default: the first free port of the UI range in ports.yaml, else any free port)")
    Integer port;

    @Option(names = "--open", description = "open the link in the default browser (xdg-open, or open on macOS)")
    boolean open;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        GlobalOptions options = globals();
        if (port != null && !PortRange.isPort(port)) {
            throw LaunchException.usage("--port: must be between 1 and 65535 (got " + port + ")");
        }
        // A request that has not arrived whole within 10 s is dropped, so half-open connections
        // cannot hold the server's threads (its event streams are answers, not requests).
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "10");
        }
        Project project = options.project(err);
        Registry registry = project.registry();
        UiRecord record = new UiRecord(registry.dir());
        Object result = record.locked(() -> {
            Optional<UiRecord.Entry> running = record.running();
            if (running.isPresent()) {
                return running.get();
            }
            UiServer server = bind(project, registry, ranges(options));
            record.write(server.url());
            return server;
        });
        if (result instanceof UiRecord.Entry running) {
            String link = UiServer.loginUrl(running.url(), UiSession.open(registry.dir()).issueKey());
            out.println(link);
            out.flush();
            err.println("launch: ui already running (pid " + running.pid() + ") at " + running.url() + "; reusing it"
                    + (port != null && !running.url().endsWith(":" + port + "/") ? " (--port " + port + " not used)" : "")
                    + "; the link above opens it once");
            err.flush();
            openBrowser(link, err);
            return ExitCode.OK;
        }
        UiServer server = (UiServer) result;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            record.clear();
            if (!options.quiet()) {
                err.println("launch: ui stopped");
                err.flush();
            }
            stopped.countDown();
        }, "launch-ui-shutdown"));
        String link = server.loginUrl();
        out.println(link);
        out.flush();
        if (!options.quiet()) {
            int count = registry.live().size();
            err.println("launch: ui serving " + count + (count == 1 ? " instance" : " instances") + " of " + registry.dir()
                    + " at " + server.url() + " (127.0.0.1 only, for you: the link above opens it once); Ctrl-C to stop");
            err.flush();
        }
        openBrowser(link, err);
        stopped.await();
        return ExitCode.OK;
    }

    /** --open: the desktop's way to open a link, without waiting for the browser. */
    private void openBrowser(String link, PrintWriter err) {
        if (!open) {
            return;
        }
        String opener = Platform.onPath("xdg-open") ? "xdg-open" : Platform.onPath("open") ? "open" : null;
        if (opener == null) {
            err.println("launch: cannot open a browser: neither xdg-open nor open is on PATH; open the link above yourself");
            err.flush();
            return;
        }
        try {
            Spawn.start(new ProcessBuilder(opener, link).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD));
        } catch (IOException e) {
            err.println("launch: cannot open a browser with " + opener + " (" + e.getMessage() + "); open the link above yourself");
            err.flush();
        }
    }

    /** --port, else the first free port of the UI range, else one the OS picks. */
    private UiServer bind(Project project, Registry registry, Supplier<List<Map<String, Object>>> ranges) throws IOException {
        PrintWriter err = err();
        if (port != null) {
            try {
                return UiServer.start(registry, ranges, port, err);
            } catch (BindException e) {
                throw LaunchException.failure("port " + port + " is busy (" + e.getMessage()
                        + "); choose another with --port, or leave --port out to get a free one");
            }
        }
        Optional<PortRange> range = Files.exists(project.locations().configFile())
                ? project.config().range(UI_RANGE) : Optional.empty();
        if (range.isEmpty()) {
            return UiServer.start(registry, ranges, 0, err);
        }
        for (int candidate : range.get().ports()) {
            if (!PortProbe.isFree(candidate)) {
                continue;
            }
            try {
                return UiServer.start(registry, ranges, candidate, err);
            } catch (BindException e) {
                // Taken between the probe and the bind: try the next one.
            }
        }
        throw new LaunchException(ExitCode.NO_FREE_BLOCK, "no free port in range " + UI_RANGE + " (" + range.get().span()
                + ") of " + project.locations().configFile() + "; free one, widen the range, or pass --port P");
    }

    /** /api/ranges reads ports.yaml afresh each time, so edits show; its warnings were printed at start. */
    private static Supplier<List<Map<String, Object>>> ranges(GlobalOptions options) {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        return () -> {
            Project project = options.project(quiet);
            return RangeStates.rows(project.config(), project.registry().locked(Registry.Session::holders));
        };
    }
}
