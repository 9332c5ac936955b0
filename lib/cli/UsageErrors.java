package dev.launch.cli;

import dev.launch.config.ProfileLoader;
import dev.launch.util.Suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's parse errors in the words of the other errors: which word is wrong, what was
 * expected, and a "did you mean" when a word is close to a command. picocli's own sentences name
 * positions ("Unmatched argument at index 3", "positional parameter at index 0..*") that count
 * words the user never thought of as arguments.
 */
final class UsageErrors {
    private static final Pattern INVALID_POSITIONAL = Pattern.compile(
            "Invalid value for positional parameter at index [^(]*\\(([^)]+)\\): '(.*)' is not an? (\\w+)");
    private static final Pattern INVALID_OPTION_NUMBER = Pattern.compile(
            "Invalid value for option '([^']+)': '(.*)' is not an? (?:int|long)");
    private static final Pattern INVALID_POSITIONAL_OTHER = Pattern.compile(
            "Invalid value for positional parameter at index [^(]*\\(([^)]+)\\): ");

    private static final Pattern MISSING = Pattern.compile(
            "^Missing required (?:argument \\(specify one of these\\): \\((.*)\\)|parameters?: '?([^']*)'?)$");

    private UsageErrors() {}

    /** The sentence to print after "launch: ". */
    static String describe(CommandLine.ParameterException ex) {
        CommandLine cl = ex.getCommandLine();
        CommandSpec spec = cl.getCommandSpec();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String word = u.getUnmatched().get(0);
            if (!word.startsWith("-")) {
                return unmatched(cl, spec, word);
            }
            List<String> options = new ArrayList<>();
            spec.options().forEach(o -> options.addAll(List.of(o.names())));
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            return where(spec) + "unknown option \"" + name + "\"" + Suggest.didYouMean(name, options);
        }
        String message = ex.getMessage().replaceFirst("^Error: ", "");
        Matcher missing = MISSING.matcher(message);
        if (missing.find()) {
            String what = missing.group(1) != null ? missing.group(1).replace(" | ", " or ") : missing.group(2);
            return where(spec) + "missing " + what;
        }
        Matcher m = INVALID_POSITIONAL.matcher(message);
        if (m.find()) {
            return where(spec) + m.group(1) + " \"" + m.group(2) + "\" is not a whole number"
                    + (m.group(1).equals("PORT") || m.group(1).equals("BASE") ? " (a port is 1-65535)" : "");
        }
        Matcher option = INVALID_OPTION_NUMBER.matcher(message);
        if (option.find()) {
            return where(spec) + option.group(1) + " takes a whole number (got \"" + option.group(2) + "\")";
        }
        return INVALID_POSITIONAL_OTHER.matcher(message).replaceFirst("Invalid value for $1: ");
    }

    /** A word left over once every argument the command takes is filled. */
    private static String unmatched(CommandLine cl, CommandSpec spec, String word) {
        List<PositionalParamSpec> positionals = spec.positionalParameters();
        if (spec.parent() == null) {
            Optional<String> profile = matchedProfile(cl);
            if (profile.isPresent()) {
                String first = profile.get();
                List<String> commands = commandNames(spec);
                Optional<String> command = Suggest.closest(first, commands);
                List<String> profiles = ProfileLoader.names(GlobalOptions.of(spec).profilesDir());
                if (!profiles.contains(first) && command.isPresent()) {
                    return "no profile or command \"" + first + "\"; did you mean the command \"" + command.get() + "\"? (" + spec.qualifiedName()
                            + " " + command.get() + " " + word + ")";
                }
                if (profiles.contains(first)) {
                    return "a run takes one profile; got \"" + first + "\", then \"" + word + "\" (to run another copy of "
                            + first + ", start " + spec.qualifiedName() + " " + first + " again in another terminal)";
                }
                return "\"" + first + "\" is neither a command nor a profile (commands: " + String.join(", ", commands)
                        + "; profiles: " + (profiles.isEmpty() ? "none" : String.join(", ", profiles)) + ")";
            }
        }
        if (positionals.isEmpty()) {
            return where(spec) + "takes no arguments; got \"" + word + "\"";
        }
        PositionalParamSpec last = positionals.get(positionals.size() - 1);
        Class<?> type = last.auxiliaryTypes().length > 0 ? last.auxiliaryTypes()[0] : last.type();
        if ((type == Integer.class || type == int.class) && !word.matches("-?\\d+")) {
            return where(spec) + last.paramLabel() + " \"" + word + "\" is not a whole number"
                    + (last.paramLabel().equals("PORT") ? " (a port is 1-65535)" : "");
        }
        List<String> labels = new ArrayList<>();
        positionals.forEach(p -> labels.add(p.paramLabel()));
        return where(spec) + "unexpected argument \"" + word + "\" (" + spec.name() + " takes " + String.join(" ", labels) + ")";
    }

    private static Optional<String> matchedProfile(CommandLine cl) {
        CommandLine.ParseResult result = cl.getParseResult();
        if (result == null || result.matchedPositionals().isEmpty()) {
            return Optional.empty();
        }
        Object value = result.matchedPositionals().get(0).getValue();
        return Optional.ofNullable(value).map(Object::toString);
    }

    private static List<String> commandNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        spec.subcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                names.add(name);
            }
        });
        return names;
    }

    private static String where(CommandSpec spec) {
        return spec.parent() == null ? "" : spec.name() + ": ";
    }
}
