package dev.launch.cli;

import dev.launch.testing.Launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * FastPath reads `ports`, `status`, `env` and the run of a profile without picocli; this walks picocli's model of those
 * commands and of the global options and fails when the two disagree on a name, an alias, whether
 * an option takes a value, or how many positional arguments a command takes.
 */
class FastPathModelTest {
    static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");
    final CommandLine top = Cli.create(Launcher.newTopCommand());

    @Test
    void theGlobalOptionsAreTheSame() {
        Set<String> picocli = new TreeSet<>();
        for (OptionSpec o : top.getCommandSpec().mixins().get("globals").options()) {
            picocli.addAll(Set.of(o.names()));
            for (String name : o.names()) {
                assertEquals(o.arity().max() > 0, FastPath.WITH_VALUE.contains(name), name + ": takes a value?");
            }
        }
        assertEquals(picocli, new TreeSet<>(FastPath.GLOBAL_OPTIONS));
    }

    @Test
    void eachCommandHasTheSameNamesOptionsAndArguments() {
        for (String command : Set.copyOf(FastPath.COMMANDS.values())) {
            CommandSpec spec = top.getSubcommands().get(command).getCommandSpec();
            Set<String> names = new TreeSet<>(Set.of(spec.aliases()));
            names.add(spec.name());
            assertEquals(names, FastPath.COMMANDS.entrySet().stream().filter(e -> e.getValue().equals(command))
                    .map(java.util.Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new)), command + ": names");

            Set<String> options = new TreeSet<>();
            for (OptionSpec o : spec.options()) {
                if (o.inherited() || Set.of(o.names()).stream().anyMatch(HELP::contains)) {
                    continue;
                }
                options.addAll(Set.of(o.names()));
                for (String name : o.names()) {
                    if (FastPath.COMMAND_OPTIONS.get(command).contains(name)) {
                        assertEquals(o.arity().max() > 0, FastPath.WITH_VALUE.contains(name), command + " " + name + ": takes a value?");
                    }
                }
            }
            Set<String> known = new TreeSet<>(FastPath.COMMAND_OPTIONS.get(command));
            known.addAll(FastPath.PICOCLI_ONLY.get(command));
            assertEquals(options, known, command + ": options (read by FastPath or left to picocli)");
        }
    }

    @Test
    void thePositionalArgumentsAreTheOnesFastPathCounts() {
        for (String command : FastPath.POSITIONALS.keySet()) {
            assertEquals(arity(command), FastPath.POSITIONALS.get(command), command);
        }
        assertEquals(Set.copyOf(FastPath.COMMANDS.values()), FastPath.POSITIONALS.keySet());
    }

    @Test
    void everySubcommandNameIsKnownSoNoneIsTakenForAProfile() {
        Set<String> picocli = new TreeSet<>();
        top.getSubcommands().forEach((name, sub) -> {
            picocli.add(name);
            picocli.addAll(Set.of(sub.getCommandSpec().aliases()));
        });
        assertEquals(picocli, new TreeSet<>(FastPath.SUBCOMMANDS));
    }

    @Test
    void theRunOptionsAreTheTopCommandsOwn() {
        Set<String> own = new TreeSet<>();
        Set<String> withValue = new TreeSet<>();
        for (OptionSpec o : top.getCommandSpec().options()) {
            if (o.inherited() || Set.of(o.names()).stream().anyMatch(HELP::contains)
                    || top.getCommandSpec().mixins().get("globals").options().contains(o)) {
                continue;
            }
            own.addAll(Set.of(o.names()));
            if (o.arity().max() > 0) {
                withValue.addAll(Set.of(o.names()));
            }
        }
        assertEquals(own, new TreeSet<>(FastPath.RUN_OPTIONS));
        assertEquals(Set.of(OptionNames.PROFILE, OptionNames.GRACE), withValue, "the run options that take a value");
        assertEquals("0..1", top.getCommandSpec().positionalParameters().get(0).arity().toString());
        assertEquals(1, top.getCommandSpec().positionalParameters().size());
    }

    private String arity(String command) {
        var positionals = top.getSubcommands().get(command).getCommandSpec().positionalParameters();
        if (positionals.isEmpty()) {
            return "0";
        }
        assertEquals(1, positionals.size(), command);
        return positionals.get(0).arity().toString();
    }
}
