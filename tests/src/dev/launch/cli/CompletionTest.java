package dev.launch.cli;

import dev.launch.testing.Cleanup;

import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `completion bash` run in a real bash: the script completes commands and options from picocli's
 * model, and profiles, instances, ranges and processes by calling the launcher back (here the
 * launcher is this test's JVM command line, as {@link CompletionCommand#callback()} gives it).
 */
class CompletionTest {
    @AfterEach
    void stopStacks() {
        Cleanup.endAll();
    }

    /** What bash offers for the words typed so far (the last one is the word being completed). */
    private static List<String> complete(Path script, String... words) throws Exception {
        StringBuilder call = new StringBuilder("source '" + script + "'\nCOMP_WORDS=(");
        for (String w : words) {
            call.append(" '").append(w).append('\'');
        }
        call.append(" )\nCOMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\nCOMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n")
                .append("_complete_launch 2>/dev/null\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n");
        Process p = new ProcessBuilder("bash", "-c", call.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private static Path script(Path dir, String shell) throws Exception {
        Launcher.Result r = Launcher.inProcess("completion", shell);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("complete -F _complete_launch"), r.out());
        return Files.writeString(dir.resolve("launch.bash"), r.out());
    }

    @Test
    void everySubcommandOfTheModelCompletes(@TempDir Path dir) throws Exception {
        Path script = script(dir, "bash");
        List<String> offered = complete(script, "launch", "");
        for (String name : Cli.create(Launcher.newTopCommand()).getSubcommands().keySet()) {
            assertTrue(offered.contains(name), name + " not offered: " + offered);
        }
        assertEquals(List.of("start", "status", "stop"), complete(script, "launch", "st").stream().sorted().toList());
        assertTrue(complete(script, "launch", "ports", "--f").contains("--format"));
        assertEquals(List.of("dotenv"), complete(script, "launch", "ports", "--format", "d"));
    }

    @Test
    void zshGetsTheSameScriptWhichSetsUpBashcompinitThere(@TempDir Path dir) throws Exception {
        String zsh = Launcher.inProcess("completion", "zsh").out();
        assertEquals(Launcher.inProcess("completion", "bash").out(), zsh);
        assertTrue(zsh.contains("bashcompinit"), zsh);
        assertEquals(2, Launcher.inProcess("completion", "fish").exit());
    }

    /**
     * What zsh offers through bashcompinit, the way its completion system calls the script: words
     * and CURRENT set, compadd given the matches (zsh itself then filters them by the typed prefix).
     */
    private static List<String> completeInZsh(Path script, String... words) throws Exception {
        StringBuilder call = new StringBuilder("autoload -U +X compinit && compinit -u -d '" + script.resolveSibling("zcompdump") + "'\n")
                .append("source '").append(script).append("'\n")
                .append("compadd() { local a seen=0; for a in \"$@\"; do if (( seen )); then print -r -- \"$a\"; elif [[ $a == - ]]; then seen=1; fi; done }\n")
                .append("words=(");
        for (String w : words) {
            call.append(" '").append(w).append('\'');
        }
        call.append(" )\nCURRENT=").append(words.length).append("\n_bash_complete -F _complete_launch\n");
        Process p = new ProcessBuilder("zsh", "-f", "-c", call.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void inARealZshTheScriptCompletesCommandsOptionsAndWhatItAsksTheLauncher(@TempDir Path dir) throws Exception {
        boolean zsh = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "zsh")));
        Assumptions.assumeTrue(zsh || System.getenv("CI") != null, "zsh is not installed (CI installs it)");
        TestProject project = new TestProject(dir);
        project.withChain(2, 2, false);
        Path script = script(dir, "zsh");
        String[] globals = {"--config", project.config.toString(), "--profiles", project.profiles.toString(),
                "--state-dir", project.state.toString()};

        assertTrue(completeInZsh(script, "launch", "st").containsAll(List.of("start", "status", "stop")));
        assertTrue(completeInZsh(script, "launch", "ports", "--f").contains("--format"));
        assertEquals(List.of("dotenv", "json", "sh"), completeInZsh(script, "launch", "ports", "--format", "").stream().sorted().toList());
        assertEquals(List.of("app"), completeInZsh(script, words(globals, "--profile", "")));
        assertEquals(List.of("RA", "RB"), completeInZsh(script, words(globals, "ports", "--range", "")), "asked of the launcher, without an error");
    }

    @Test
    void profilesInstancesAndRangesAreAskedOfTheLauncherEachTime(@TempDir Path dir) throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(2, 2, false);
        project.writeProfile("other", Files.readString(project.profiles.resolve("app.yaml")));
        Path script = script(dir, "bash");
        String[] globals = {"--config", project.config.toString(), "--profiles", project.profiles.toString(),
                "--state-dir", project.state.toString()};

        assertEquals(List.of("app", "other"), complete(script, words(globals, "ports", "")));
        assertEquals(List.of("other"), complete(script, words(globals, "--profile", "o")));
        assertEquals(List.of("RA", "RB"), complete(script, words(globals, "ports", "--range", "")));
        assertEquals(List.of(), complete(script, words(globals, "stop", "")));

        Launcher.Result lease = project.inProcess("ports", "app", "--lease", "5m");
        assertEquals(0, lease.exit(), lease.err());
        assertEquals(List.of("app-1"), complete(script, words(globals, "stop", "")));
        assertEquals(List.of("app-1"), complete(script, words(globals, "env", "a")));
    }

    @Test
    void processNamesOfARunningInstanceComeFromItsRegistryEntry(@TempDir Path dir) throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 2, false);
        LaunchedStack.writeProfile(project, "");
        LaunchedStack stack = LaunchedStack.start(project);
        assertTrue(stack.awaitUp(Duration.ofSeconds(60)), String.join("\n", stack.err));
        Launcher.Result r = Launcher.run(dir, java.util.Map.of(), "__complete", "processes", "--state-dir",
                project.state.toString(), "stop", stack.id(), "");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("api", "web"), r.out().lines().sorted().toList());

        Path script = script(dir, "bash");
        for (String command : new String[] {"stop", "restart", "start", "logs"}) {
            assertEquals(List.of("web"), complete(script, "launch", "--state-dir", project.state.toString(), command, stack.id(), "w"), command);
            assertEquals(List.of(stack.id()), complete(script, "launch", "--state-dir", project.state.toString(), command, ""), command);
        }
        Launcher.Result unknown = Launcher.run(dir, java.util.Map.of(), "__complete", "processes", "--state-dir",
                project.state.toString(), "stop", "nope-1");
        assertEquals("", unknown.out());
        assertEquals("", unknown.err());
    }

    private static String[] words(String[] globals, String... rest) {
        List<String> all = new ArrayList<>(List.of("launch"));
        all.addAll(List.of(globals));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
