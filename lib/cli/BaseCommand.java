package dev.launch.cli;

import dev.launch.project.Project;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The plumbing every subcommand needs, so that each command class is only its options and its
 * call: picocli's spec, the global options, stdout and stderr, and the project they point at.
 */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    GlobalOptions globals() {
        return GlobalOptions.of(spec);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Project project() {
        return globals().project(err());
    }
}
