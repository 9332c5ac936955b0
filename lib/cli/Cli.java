package dev.launch.cli;

import dev.launch.util.Durations;
import dev.launch.util.ExitCode;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Wires the command tree: the fast path, picocli, and {@link ErrorReport} for what a command throws. */
public final class Cli {
    private Cli() {}

    /**
     * Runs the command line: the commands scripts call most ({@code ports}, {@code status},
     * {@code env}) in their plain forms without building the picocli model (see {@link FastPath}),
     * everything else through picocli.
     */
    public static int run(Object topCommand, String... args) {
        WarmStartRecord.writeIfAsked();
        if (args.length > 0 && args[0].equals(Complete.COMMAND)) {
            return Complete.run(args, new PrintWriter(System.out, true));
        }
        int fast = FastPath.run(args);
        return fast != FastPath.NOT_HANDLED ? fast : create(topCommand).execute(args);
    }

    public static CommandLine create(Object topCommand) {
        return Wiring.create(topCommand);
    }

    /**
     * Apart from Cli: its lambdas throw picocli's exception types, and verifying a class that holds
     * them loads those from picocli's jar (never in the class-data archive), on the fast path too.
     */
    private static final class Wiring {
        static CommandLine create(Object topCommand) {
            CommandLine cl = new CommandLine(topCommand);
            HelpSections.install(cl);
            cl.registerConverter(java.time.Duration.class, text -> {
                try {
                    return Durations.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.TypeConversionException(e.getMessage());
                }
            });
            cl.setParameterExceptionHandler((ex, args) -> {
                CommandLine c = ex.getCommandLine();
                PrintWriter err = c.getErr();
                err.println("launch: " + UsageErrors.describe(ex));
                err.println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
                err.flush();
                return ExitCode.USAGE;
            });
            cl.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
                    ErrorReport.report(ex, commandLine.getErr(), GlobalOptions.of(commandLine.getCommandSpec()).verbose()));
            return cl;
        }
    }
}
