package dev.launch.cli;

import dev.launch.testing.Launcher;
import dev.launch.testing.TestPorts;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the README shows is what the launcher does: quoted help pages, and the eval recipe. */
class ReadmeTest {
    private static final String PROMPT = "$ ./jbang launch.java ";

    /** A help page quoted in the README: the command after the prompt, and the lines it shows. */
    record Quoted(String[] args, String text) {}

    static List<Quoted> quotedHelp(String readme) {
        List<Quoted> quoted = new ArrayList<>();
        List<String> lines = readme.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith(PROMPT)) {
                continue;
            }
            String[] args = line.substring(PROMPT.length()).trim().split("\\s+");
            if (!Arrays.asList(args).contains("--help") && !args[0].equals("help")) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).startsWith("```") && !lines.get(j).startsWith("$ ")) {
                text.append(lines.get(j)).append('\n');
                j++;
            }
            quoted.add(new Quoted(args, text.toString().stripTrailing()));
        }
        return quoted;
    }

    @Test
    void everyHelpPageTheReadmeQuotesIsWhatTheCommandPrints() throws Exception {
        String readme = Files.readString(Path.of(System.getenv("LAUNCH_HOME"), "README.md"));
        List<Quoted> quoted = quotedHelp(readme);
        assertFalse(quoted.isEmpty(), "the README quotes no help page");
        for (Quoted q : quoted) {
            Launcher.Result r = Launcher.inProcess(q.args());
            assertEquals(0, r.exit(), r.err());
            assertEquals(r.out().stripTrailing(), q.text(), "README block for: " + String.join(" ", q.args()));
        }
    }

    @Test
    void theExtractorSeesADifferenceInTheQuotedText() {
        String readme = "```\n" + PROMPT + "help ports\n" + Launcher.inProcess("help", "ports").out().replace("--format", "--fromat") + "```\n";
        Quoted q = quotedHelp(readme).get(0);
        assertEquals(List.of("help", "ports"), List.of(q.args()));
        assertTrue(!q.text().equals(Launcher.inProcess(q.args()).out().stripTrailing()));
    }

    @Test
    void theRecipeWithAndAndFailsLoudlyWhereTheBareEvalSucceeds(@TempDir Path dir) throws Exception {
        TestProject project = new TestProject(dir);
        List<Integer> bases = project.withChain(1, 1, false);
        try (java.nio.channels.ServerSocketChannel busy = TestPorts.listen("127.0.0.1", bases.get(0))) {
            String launcher = Launcher.javaCommand(project.args("ports", "app")).stream()
                    .map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
            String recipe = "x=$(" + launcher + " 2>/dev/null) && eval \"$x\"; echo \"recipe=$? P0=${P0_PORT:-unset}\"\n"
                    + "eval \"$(" + launcher + " 2>/dev/null)\"; echo \"bare=$? P0=${P0_PORT:-unset}\"\n";
            Process p = new ProcessBuilder("bash", "-c", recipe).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(2, TimeUnit.MINUTES));
            assertTrue(out.contains("recipe=3 P0=unset"), out);
            assertTrue(out.contains("bare=0 P0=unset"), out);
        }
        String readme = Files.readString(Path.of(System.getenv("LAUNCH_HOME"), "README.md"));
        assertFalse(readme.contains("eval \"$(./jbang launch.java"), "the README still shows the bare eval");
        assertTrue(readme.contains("x=$(./jbang launch.java ports) && eval \"$x\""));
    }
}
