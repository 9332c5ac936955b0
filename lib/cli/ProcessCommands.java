package dev.launch.cli;

import dev.launch.control.ControlClient;
import dev.launch.control.ProcessControl;
import dev.launch.project.Project;
import dev.launch.registry.Instance;
import dev.launch.util.ExitCode;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/** `restart` and `start` of some processes of a running instance (`stop PROCESS` is in {@link StopCommand}). */
public final class ProcessCommands {
    private ProcessCommands() {}

    /** What `restart` and `start` act on: an instance and one or more of its processes. */
    static final class Targets {
        @Parameters(index = "0", paramLabel = "INSTANCE", completionCandidates = Candidates.Instances.class, description = "instance id, as shown by status (e.g. dev-1)")
        String id;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "PROCESS", completionCandidates = Candidates.Processes.class, description = "process names, as in the profile (e.g. alice)")
        List<String> processes;
    }

    @Command(name = "restart",
            header = "Stop and start processes of a running instance on the same ports; returns once they are ready again.")
    public static final class Restart extends BaseCommand {
        @Mixin
        Targets targets;

        @Override
        public Integer call() {
            return act(spec, "restart", targets.id, targets.processes);
        }
    }

    @Command(name = "start",
            header = "Start processes of a running instance again (after `stop INSTANCE PROCESS`); returns once they are ready.")
    public static final class Start extends BaseCommand {
        @Mixin
        Targets targets;

        @Override
        public Integer call() {
            return act(spec, "start", targets.id, targets.processes);
        }
    }

    /** Asks the launcher; its notes go to stderr, the result to stdout (or stderr and exit 1 when one failed). */
    static int act(CommandSpec spec, String op, String id, List<String> processes) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GlobalOptions options = GlobalOptions.of(spec);
        Project project = options.project(err);
        Instance instance = Instances.running(project.registry(), id);
        ControlClient.Answer answer = ProcessControl.act(project.registry().dir(), instance, op, processes, Instances.asker(op), note -> {
            if (!options.quiet()) {
                err.println("launch: " + note + " in " + id);
                err.flush();
            }
        });
        if (answer.ok()) {
            out.println(answer.message());
            out.flush();
            return ExitCode.OK;
        }
        err.println("launch: " + answer.message());
        err.flush();
        return ExitCode.FAILURE;
    }
}
