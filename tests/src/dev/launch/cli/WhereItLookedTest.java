package dev.launch.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import java.util.ArrayList;

import dev.launch.testing.TestProject;

import dev.launch.testing.Launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing ports.yaml or profiles/ names where it was looked for; a path given on purpose must exist. */
class WhereItLookedTest {
    @Test
    void aMissingPortsYamlNamesTheCurrentDirectoryAndTheOneBesideLaunchJava(@TempDir Path dir) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = Map.of("LAUNCH_HOME", home.toString());
        Launcher.Result r = Launcher.run(work, env, "--state-dir", dir.resolve("state").toString(), "ranges");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("launch: ports.yaml: not found in the current directory (" + work.toRealPath()
                + ") or beside launch.java (" + home + "); create it"), r.err());

        Launcher.Result run = Launcher.run(work, env, "--state-dir", dir.resolve("state").toString(), "--config",
                work.resolve("nothing.yaml").toString(), "--profiles", dir.toString(), "dev");
        assertEquals(2, run.exit(), run.err());

        Files.writeString(work.resolve("ports.yaml"), "ranges:\n  A: { base: 27100, count: 2 }\n");
        Launcher.Result profiles = Launcher.run(work, env, "--state-dir", dir.resolve("state").toString(), "dev");
        assertEquals(2, profiles.exit(), profiles.err());
        assertTrue(profiles.err().contains("profiles: profiles directory not found in the current directory ("
                + work.toRealPath() + ") or beside launch.java (" + home + ")"), profiles.err());
    }

    @Test
    void aConfigOrProfilesGivenOnPurposeMustExistForEveryCommand(@TempDir Path dir) {
        String state = dir.resolve("state").toString();
        String missing = dir.resolve("missing.yaml").toString();
        Launcher.Result ranges = Launcher.inProcess("--state-dir", state, "--config", missing, "ranges");
        Launcher.Result status = Launcher.inProcess("--state-dir", state, "--config", missing, "status");
        assertEquals(2, status.exit(), status.err());
        assertEquals(ranges.err(), status.err());
        assertTrue(status.err().startsWith("launch: " + missing + ": not found; create it"), status.err());
        assertEquals(2, Launcher.run(dir, Map.of(), "--state-dir", state, "--config", missing, "status").exit());

        Launcher.Result profiles = Launcher.inProcess("--state-dir", state, "--profiles", dir.resolve("nope").toString(), "status");
        assertEquals(2, profiles.exit(), profiles.err());
        assertTrue(profiles.err().contains("nope: profiles directory not found"), profiles.err());
    }

    @Test
    void profilesGivenAFileSayItIsNotADirectoryForEveryCommandAndValidate(@TempDir Path dir) throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 2, false);
        Path file = Files.writeString(dir.resolve("dev.yaml"), "processes: {}\n");
        for (String[] command : new String[][] {{"status"}, {"ports"}, {"validate"}, {"dev"}}) {
            List<String> args = new ArrayList<>(List.of("--state-dir", project.state.toString(), "--config", project.config.toString(),
                    "--profiles", file.toString()));
            args.addAll(List.of(command));
            Launcher.Result r = Launcher.inProcess(args.toArray(String[]::new));
            assertEquals(2, r.exit(), command[0] + ": " + r.err());
            assertTrue(r.err().contains(file + ": is not a directory; profiles are read from a directory"), command[0] + ": " + r.err());
            assertFalse(r.err().contains("not found"), command[0] + ": " + r.err());
        }
    }

    @Test
    void launchJavaIsExecutableAndItsFirstLineRunsItThroughTheWrapperBesideIt(@TempDir Path dir) throws Exception {
        Path repo = Path.of(System.getenv("LAUNCH_HOME"));
        Process git = new ProcessBuilder("git", "ls-files", "-s", "launch.java").directory(repo.toFile()).start();
        String entry = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(git.waitFor(30, TimeUnit.SECONDS));
        assertTrue(entry.startsWith("100755 "), entry);
        assertTrue(Files.isExecutable(repo.resolve("launch.java")));

        Process p = new ProcessBuilder("sh", "-c", "exec \"$0\" --version", repo.resolve("launch.java").toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("launch ")), out);
    }
}
