package dev.launch.cli;

import dev.launch.control.ProcessControl;
import dev.launch.logs.LogReader;
import dev.launch.logs.LogStore;
import dev.launch.project.Project;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.util.Colors;
import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs",
        header = "The last lines of a running instance's output (or of some of its processes), prefixed and coloured as in its terminal; -f follows.")
public final class LogsCommand extends BaseCommand {
    static final long POLL_MILLIS = 150;


    @Parameters(index = "0", paramLabel = "INSTANCE", completionCandidates = Candidates.Instances.class, description = "instance id, as shown by status (e.g. dev-1)")
    String id;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PROCESS", completionCandidates = Candidates.Processes.class, description = "only these processes (default: all)")
    List<String> processes = List.of();

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100", description = "how many lines (default 100)")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "keep printing new lines until the instance stops (or Ctrl-C)")
    boolean follow;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (lines < 0) {
            throw LaunchException.usage("-n takes a number of lines, 0 or more (got " + lines + ")");
        }
        PrintWriter out = out();
        Project project = project();
        Registry registry = project.registry();
        Instance instance = find(registry);
        ProcessControl.check(instance, processes);
        LogReader reader;
        try {
            reader = LogReader.open(LogStore.dir(registry.dir(), instance.id(), instance.createdAt()), processes);
        } catch (IOException e) {
            throw LaunchException.failure(instance.id() + " keeps no log files (its launcher may be from an older launch)");
        }
        boolean color = Colors.wanted(globals().color());
        print(out, reader, reader.tail(lines), color);
        while (follow && reader.exists()) {
            Thread.sleep(POLL_MILLIS);
            print(out, reader, reader.next(), color);
        }
        return ExitCode.OK;
    }

    private static void print(PrintWriter out, LogReader reader, List<LogReader.Line> batch, boolean color) {
        for (LogReader.Line line : batch) {
            out.println(reader.format(line, color));
        }
        out.flush();
    }

    /** The live instance, else a dead entry `prune` has not yet removed (its logs are still there). */
    private Instance find(Registry registry) throws IOException {
        Optional<Instance> live = registry.find(id);
        if (live.isPresent()) {
            return live.get();
        }
        Instance dead = null;
        for (Path file : registry.deadEntries()) {
            try {
                Instance i = Registry.read(file);
                if (i.id().equals(id) && (dead == null || i.createdAt() > dead.createdAt())) {
                    dead = i;
                }
            } catch (IOException e) {
                // unreadable: prune reports it
            }
        }
        if (dead != null) {
            return dead;
        }
        throw Instances.notRunning(id, registry.live().stream().map(Instance::id).toList());
    }
}
