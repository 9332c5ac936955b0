package dev.launch.cli;

import dev.launch.util.ExitCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true, header = "Print a shell completion script (bash or zsh) for the command `launch`.",
        description = {"Commands, options and their values complete; profile names, instance ids, process names "
                + "and range names are asked of the launcher each time TAB is pressed, so they are always current.",
                "The script completes the command `launch`: make that an alias of this launcher first."},
        footerHeading = "%nExample:%n",
        footer = {"  alias launch=\"$PWD/jbang $PWD/launch.java\"",
                "  source <(launch completion bash)      # in ~/.bashrc; zsh: source <(launch completion zsh)"})
public final class CompletionCommand implements Callable<Integer> {
    /** The name the script completes: the alias the README suggests. */
    static final String ALIAS = "launch";

    private static final Pattern MARKER_ARRAY = Pattern.compile(
            "local (\\w+)=\\(\"" + Pattern.quote(Candidates.marker("KIND")).replace("KIND", "\\E(\\w+)\\Q") + "\"\\)");

    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", description = "bash (default) or zsh")
    Shell shell = Shell.bash;

    @Override
    public Integer call() {
        String script = script(spec.root().commandLine(), callback());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    /**
     * picocli's script for the whole command tree (so every subcommand is in it), with each
     * candidate marker of {@link Candidates} replaced by a call to {@code _launch_candidates KIND}.
     * picocli's script already runs in zsh (through bashcompinit), so both shells get it.
     */
    static String script(picocli.CommandLine root, String callback) {
        String generated = AutoComplete.bash(ALIAS, root);
        StringBuilder script = new StringBuilder();
        for (String part : generated.split("(?=\nfunction )")) {
            script.append(callBack(part));
        }
        return script + "\n" + """
                # Profiles, instances, processes and ranges change while the shell is open: ask the launcher.
                # ($((...)): zsh reads a bare ":COMP_CWORD" as a history modifier.)
                function _launch_candidates() {
                  local words=("${COMP_WORDS[@]:1:$((COMP_CWORD-1))}")
                  %s __complete "$1" "${words[@]}" 2>/dev/null
                }
                """.formatted(callback);
    }

    /** In one function of the script: each array holding a marker is emptied and its uses ask the launcher. */
    private static String callBack(String function) {
        Matcher m = MARKER_ARRAY.matcher(function);
        List<String[]> dynamic = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            dynamic.add(new String[] {m.group(1), m.group(2)});
            m.appendReplacement(sb, Matcher.quoteReplacement("local " + m.group(1) + "=()"));
        }
        m.appendTail(sb);
        String out = sb.toString();
        for (String[] d : dynamic) {
            out = out.replace("\"${" + d[0] + "[@]}\"", "$(_launch_candidates " + d[1] + ")");
        }
        return out;
    }

    /** How the script runs this launcher again: the ./jbang beside launch.java, else this very JVM. */
    static String callback() {
        String source = System.getProperty("jbang.source");
        if (source != null && !source.isBlank()) {
            Path script = Path.of(source).toAbsolutePath();
            Path wrapper = script.resolveSibling("jbang");
            return quote(Files.isExecutable(wrapper) ? wrapper.toString() : "jbang") + " " + quote(script.toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return quote(java) + " -XX:TieredStopAtLevel=1 -XX:+UseG1GC -cp " + quote(System.getProperty("java.class.path")) + " launch";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
