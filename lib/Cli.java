package dev.launch;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Wires the command tree: the one place where exceptions become exit codes and messages. */
public final class Cli {
    private Cli() {}

    public static CommandLine create(Object topCommand) {
        CommandLine cl = new CommandLine(topCommand);
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
            err.println("launch: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean verbose = GlobalOptions.of(commandLine.getCommandSpec()).verbose();
            if (ex instanceof LaunchException le) {
                err.println("launch: " + le.getMessage());
                if (verbose && le.getCause() != null) {
                    le.getCause().printStackTrace(err);
                }
                err.flush();
                return le.exitCode();
            }
            err.println("launch: internal error: " + ex
                    + (verbose ? "" : " (run with --verbose for the stack trace)"));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCode.FAILURE;
        });
        return cl;
    }
}
