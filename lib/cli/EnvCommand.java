package dev.launch.cli;

import dev.launch.project.Project;
import dev.launch.registry.Instance;
import dev.launch.registry.PortFormat;
import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;
import dev.launch.util.Suggest;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "env", header = "Print the ports of a running instance, for another shell.",
        exitCodeList = {"0:printed", "1:no such running instance"},
        footerHeading = "%nExample (the && keeps a failure from running an empty eval):%n",
        footer = "  x=$(./jbang launch.java env dev-1) && eval \"$x\"")
public final class EnvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INSTANCE", completionCandidates = Candidates.Instances.class, description = "instance id, as shown by status (e.g. dev-1)")
    String id;

    // The default is the field's initial value, as in PortsCommand, for FastPath's sake.
    @Option(names = "--format", paramLabel = "FORMAT", description = "sh (default), dotenv or json")
    PortFormat format = PortFormat.sh;

    @Override
    public Integer call() {
        return run(GlobalOptions.of(spec), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    int run(GlobalOptions options, PrintWriter out, PrintWriter err) {
        Project project = options.project(err);
        Instance instance = project.registry().locked(s -> s.find(id).orElseThrow(() -> {
            var ids = s.live().stream().map(Instance::id).toList();
            return LaunchException.failure("no running instance " + id
                    + (ids.isEmpty() ? " (none is running; start one with ./jbang launch.java dev)"
                    : " (running: " + String.join(", ", ids) + ")" + Suggest.didYouMean(id, ids)));
        }));
        out.print(format.render(instance));
        out.flush();
        return ExitCode.OK;
    }
}
