package dev.launch.cli;

import dev.launch.control.ControlClient;
import dev.launch.logs.LogStore;
import dev.launch.project.Project;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.run.Reaper;
import dev.launch.util.ExitCode;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "prune", header = "Drop registry entries of dead launchers and end the processes they left behind.")
public final class PruneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        GlobalOptions options = GlobalOptions.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        Registry registry = options.project(spec.commandLine().getErr()).registry();
        int live = registry.live().size();
        List<Path> dead = registry.deadEntries();
        int processes = 0;
        int envFiles = 0;
        for (Path file : dead) {
            Instance instance;
            try {
                instance = Registry.read(file);
            } catch (IOException e) {
                spec.commandLine().getErr().println("launch: warning: unreadable dead entry " + file + ": " + e.getMessage());
                continue;
            }
            Reaper.Result r = Reaper.cleanUp(instance, Duration.ofSeconds(5), registry, spec.commandLine().getErr());
            processes += r.processesEnded();
            envFiles += r.envFilesRestored();
            r.problems().forEach(p -> spec.commandLine().getErr().println("launch: warning: " + p));
            out.println("pruned " + instance.id() + " (" + instance.profile() + ", pid " + instance.pid() + "): "
                    + r.processesEnded() + " leftover process(es) ended, " + r.envFilesRestored() + " env file(s) restored");
            if (!r.problems().isEmpty()) {
                continue; // the entry keeps the only copy of those env files' content: the next prune tries again
            }
            Files.deleteIfExists(file);
            LogStore.delete(LogStore.dir(registry.dir(), instance.id(), instance.createdAt()));
            ControlClient.removeIfStale(ControlClient.socket(registry.dir(), instance.id()));
        }
        out.println(dead.size() + " dead entr" + (dead.size() == 1 ? "y" : "ies") + " pruned, " + processes
                + " process(es) ended, " + envFiles + " env file(s) restored; " + live + " live instance(s) left");
        out.flush();
        return ExitCode.OK;
    }
}
