///usr/bin/env true; exec "$(dirname "$0")/../jbang" "$0" "$@"
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.yaml:snakeyaml:2.7
//DEPS com.fasterxml.jackson.core:jackson-core:2.23.0
//SOURCES */*.java
//MAIN launch
//FILES web/index.html=web/index.html
//FILES web/app.js=web/app.js
//FILES web/style.css=web/style.css
//JAVAC_OPTIONS -XDstringConcat=inline -XDignore.symbol.file
//CDS
//JAVA_OPTIONS -Xlog:disable -Xlog:all=warning:stderr -XX:+UseG1GC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 -Xms8m -Xshare:auto -Xlog:cds*=off -Xlog:cds*=off:stderr

// The app as JBang builds it: these //SOURCES and //DEPS. `./jbang launch.java` runs this file
// (the wrapper takes the launch.java beside it for this one); the launch.java at the project root
// is the door an installed JBang comes in by, and hands over to the wrapper.

import dev.launch.cli.CheckCommand;
import dev.launch.cli.CompletionCommand;
import dev.launch.cli.Cli;
import dev.launch.cli.EnvCommand;
import dev.launch.cli.FindCommand;
import dev.launch.cli.GlobalOptions;
import dev.launch.cli.LogsCommand;
import dev.launch.cli.PortsCommand;
import dev.launch.cli.ProcessCommands;
import dev.launch.cli.PruneCommand;
import dev.launch.cli.RangesCommand;
import dev.launch.cli.RunCommand;
import dev.launch.cli.StatusCommand;
import dev.launch.cli.StopCommand;
import dev.launch.cli.UiCommand;
import dev.launch.cli.ValidateCommand;
import dev.launch.cli.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

@Command(name = "./jbang launch.java", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = Version.class,
        header = "Start a multi-process dev stack on ports found for it, many copies side by side.",
        exitCodeList = {
            "0:success (for a run: every process completed)",
            "1:a process failed or was not ready in time",
            "2:bad usage or bad configuration",
            "3:no free block in any range of the chain",
            "130:stopped by Ctrl-C (SIGINT)",
            "141:standard output closed (e.g. the reader of a pipe went away)",
            "143:stopped by SIGTERM or ./jbang launch.java stop",
            "129:stopped by SIGHUP (the terminal closed)",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./jbang launch.java dev              run the dev stack on the first free block",
            "  ./jbang launch.java help ports       help for one command",
        },
        subcommands = {
            PortsCommand.class,
            CheckCommand.class,
            FindCommand.class,
            StatusCommand.class,
            EnvCommand.class,
            StopCommand.class,
            ProcessCommands.Restart.class,
            ProcessCommands.Start.class,
            LogsCommand.class,
            PruneCommand.class,
            RangesCommand.class,
            ValidateCommand.class,
            UiCommand.class,
            CompletionCommand.class,
            HelpCommand.class,
        })
public class launch implements Callable<Integer> {
    @Mixin(name = "globals")
    GlobalOptions globals;

    @Mixin
    RunCommand run;

    public static void main(String... args) {
        System.exit(Cli.run(new launch(), args));
    }

    @Override
    public Integer call() {
        return run.call();
    }
}
