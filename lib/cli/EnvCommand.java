package dev.launch.cli;

import dev.launch.envfile.EnvFile;
import dev.launch.project.Project;
import dev.launch.registry.Instance;
import dev.launch.registry.PortFormat;
import dev.launch.util.ExitCode;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "env", header = "Print the ports of a running instance, for another shell.",
        description = "With --env-files: what it writes into its env files, e.g. ./jbang launch.java env dev-2 --env-files > app/.env.local",
        exitCodeList = {"0:printed", "1:no such running instance"},
        footerHeading = "%nExample (the && keeps a failure from running an empty eval):%n",
        footer = "  x=$(./jbang launch.java env dev-1) && eval \"$x\"")
public final class EnvCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "INSTANCE", completionCandidates = Candidates.Instances.class, description = "instance id, as shown by status (e.g. dev-1)")
    String id;

    // The default is the field's initial value, as in PortsCommand, for FastPath's sake.
    @Option(names = OptionNames.FORMAT, paramLabel = "FORMAT", description = "sh (default), dotenv or json")
    PortFormat format = PortFormat.sh;

    @Option(names = OptionNames.ENV_FILES, description = "print what the instance writes (or would write) into its env files:"
            + " dotenv lines, a # PATH line before each file's block")
    boolean envFiles;

    @Override
    public Integer call() {
        return run(globals(), out(), err());
    }

    int run(GlobalOptions options, PrintWriter out, PrintWriter err) {
        Project project = options.project(err);
        Instance instance = project.registry().locked(s -> s.get(id));
        out.print(envFiles ? envFiles(instance, err) : format.render(instance));
        out.flush();
        return ExitCode.OK;
    }

    /** Each env file's block: "# PATH" (relative to the instance's checkout when inside it), then its lines. */
    static String envFiles(Instance instance, PrintWriter err) {
        if (instance.envTargets().isEmpty()) {
            err.println("launch: " + instance.id() + " has no env files (its profile " + instance.profile() + " lists none)");
            err.flush();
            return "";
        }
        StringBuilder sb = new StringBuilder();
        Path root = instance.cwd() == null ? null : Path.of(instance.cwd());
        for (Instance.EnvTarget t : instance.envTargets()) {
            Path shown = root != null && t.file().startsWith(root) ? root.relativize(t.file()) : t.file();
            sb.append(sb.length() == 0 ? "" : "\n").append("# ").append(shown).append('\n');
            sb.append(EnvFile.lines(t.values(), t.file()));
        }
        return sb.toString();
    }
}
