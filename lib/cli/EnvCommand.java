package dev.launch.cli;

import dev.launch.project.Project;
import dev.launch.registry.Instance;
import dev.launch.registry.PortFormat;
import dev.launch.util.ExitCode;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "env", header = "Print the ports of a running instance, for another shell: eval \"$(./jbang launch.java env dev-1)\"")
public final class EnvCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "INSTANCE", description = "instance id, as shown by status (e.g. dev-1)")
    String id;

    // The default is the field's initial value, as in PortsCommand, for FastPath's sake.
    @Option(names = OptionNames.FORMAT, paramLabel = "FORMAT", description = "sh (default), dotenv or json")
    PortFormat format = PortFormat.sh;

    @Override
    public Integer call() {
        return run(globals(), out(), err());
    }

    int run(GlobalOptions options, PrintWriter out, PrintWriter err) {
        Project project = options.project(err);
        Instance instance = project.registry().locked(s -> s.get(id));
        out.print(format.render(instance));
        out.flush();
        return ExitCode.OK;
    }
}
