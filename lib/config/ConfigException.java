package dev.launch.config;

import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;
import dev.launch.yaml.Problem;

import java.util.List;
import java.util.stream.Collectors;

/** Bad configuration (exit 2): every problem found, one per line, with file:line:column. */
public final class ConfigException extends LaunchException {
    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(ExitCode.USAGE, render(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        String lines = problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
        return problems.size() == 1 ? lines : problems.size() + " problems:\n" + lines;
    }
}
