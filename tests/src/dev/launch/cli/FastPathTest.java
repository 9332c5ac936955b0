package dev.launch.cli;

import dev.launch.testing.ConfigFiles;
import dev.launch.testing.JbangCache;
import dev.launch.testing.Launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up fast paths: ./jbang reusing JBang's last command (never stale code), the CDS
 * archives kept off stdout, and FastPath answering exactly what picocli answers. Runs a copy of
 * the project in a temp dir, so edits and a cleared jar touch nothing of the real one.
 */
class FastPathTest {
    record Run(int exit, String out, String err) {}

    static final Path ROOT = Path.of(System.getenv().getOrDefault("LAUNCH_HOME", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path project;

    @TempDir
    static Path fastCache;

    /** The user's bootstrapped JBang when there is one (saves a Maven fetch), else a temp one. */
    static Path jbangCache;

    @BeforeAll
    static void copyProject(@TempDir Path bootstrap) throws IOException {
        for (String name : List.of("launch.java", "jbang", "bin", "lib", "profiles")) {
            copy(ROOT.resolve(name), project.resolve(name));
        }
        Files.writeString(project.resolve("ports.yaml"), ConfigFiles.rangesAbove20000(ROOT.resolve("ports.yaml")));
        jbangCache = JbangCache.bootstrappedOr(bootstrap.resolve("jbang"));
    }

    @Test
    void anEditedSourceIsRunOnTheNextRunAndKeptThereafter() throws Exception {
        Run before = jbang("launch.java", "--version");
        assertEquals(0, before.exit(), before.err());
        assertTrue(before.out().startsWith("launch " + Version.VERSION + " "), before.out());
        assertTrue(jbang("launch.java", "--version").out().startsWith("launch " + Version.VERSION + " "));
        assertTrue(cachedCommands() > 0, "the second run has a cached command to reuse");

        Path version = project.resolve("lib/cli/Version.java");
        Files.writeString(version, Files.readString(version).replace("\"" + Version.VERSION + "\"", "\"9.9.9-edited\""));
        for (int i = 0; i < 2; i++) {
            Run after = jbang("launch.java", "--version");
            assertEquals(0, after.exit(), after.err());
            assertTrue(after.out().startsWith("launch 9.9.9-edited "), "run " + (i + 1) + ": " + after.out());
        }
    }

    @Test
    void fourRunsStartedTogetherAfterAnEditAllRunTheEditedCode() throws Exception {
        Path version = project.resolve("lib/cli/Version.java");
        String original = Files.readString(version);
        Files.writeString(version, original.replaceAll("VERSION = \"[^\"]*\"", "VERSION = \"9.9.9-together\""));
        try {
            List<java.util.concurrent.CompletableFuture<Run>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return jbang("launch.java", "--version");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (java.util.concurrent.CompletableFuture<Run> f : runs) {
                Run r = f.get(5, TimeUnit.MINUTES);
                assertEquals(0, r.exit(), r.err());
                assertTrue(r.out().startsWith("launch 9.9.9-together "), r.out() + r.err());
            }
        } finally {
            Files.writeString(version, original);
        }
    }

    @Test
    void aClearedJbangCacheFallsBackToJbang() throws Exception {
        assertEquals(0, jbang("launch.java", "--version").exit());
        Run warm = jbang("launch.java", "--version");
        assertEquals(0, warm.exit(), warm.err());
        try (Stream<Path> files = Files.list(fastCache)) {
            for (Path cmd : files.filter(f -> f.toString().endsWith(".cmd")).toList()) {
                String line = Files.readString(cmd);
                int at = line.indexOf("-classpath ") + "-classpath ".length();
                Path jar = Path.of(line.substring(at, line.indexOf(':', at)).replace("'", ""));
                assertTrue(jar.toString().endsWith(".jar"), line);
                Files.deleteIfExists(jar);  // this copy's own jar in JBang's cache
            }
        }
        Run after = jbang("launch.java", "--version");
        assertEquals(0, after.exit(), after.err());
        assertTrue(after.out().startsWith("launch "), after.out());
    }

    @Test
    void stdoutCarriesOnlyTheExportsWhileArchivesAreWrittenAndUsed(@TempDir Path state) throws Exception {
        for (int i = 0; i < 3; i++) {
            Run r = jbang(Map.of("LAUNCH_STATE_DIR", state.resolve("s" + i).toString()), "launch.java", "ports", "--format", "sh");
            assertEquals(0, r.exit(), r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals(4, lines.size(), "run " + (i + 1) + ": " + r.out());
            assertTrue(lines.stream().allMatch(l -> l.matches("export [A-Z_]+_PORT=[0-9]+")), r.out());
            assertFalse(r.err().contains("[cds]") || r.err().toLowerCase().contains("sharing"), r.err());
        }
        try (Stream<Path> files = Files.list(fastCache)) {
            assertTrue(files.anyMatch(f -> f.toString().endsWith(".jsa")), "a class-data sharing archive is in place");
        }
    }

    @Test
    void fastPathAnswersWhatPicocliAnswers(@TempDir Path state) throws IOException {
        // A profile that runs and ends by itself: every process completes, the launcher exits 0.
        Files.writeString(project.resolve("profiles/tasks.yaml"), """
                ports: { names: [alice, bob, networkSimulator, networkHttp], ranges: [DEVELOPMENT] }
                processes:
                  migrate: { command: [sh, -c, "echo migrated"] }
                """);
        Map<String, String> env = Map.of("LAUNCH_STATE_DIR", state.toString());
        String[][] cases = {
            {"status", "--json"},
            {"ps"},
            {"env", "dev-9"},
            {"env", "dev-9", "--format", "json"},
            {"ports", "--lease", "0", "--format", "dotenv"},
            {"ports", "--lease", "soon"},
            {"ports", "nosuchprofile", "--lease", "0"},
            {"--quiet", "ports", "--range", "TERTIARY_DEV", "--lease", "0", "--format", "json"},
            {"ports", "--range", "NOPE", "--lease", "0"},
            {"tasks", "--no-color", "--grace", "2s"},
            {"--profile", "tasks", "--strict", "-q"},
            {"nosuchprofile"},
            {"stauts"},
            {"tasks", "--grace", "soon"},
            {"tasks", "--profile", "dev"},
            {"tasks", "extra"},
            {"--strict", "ports", "--lease", "0"},
        };
        for (String[] args : cases) {
            // Both pointed at the copy's ports.yaml (ranges above 20000) and profiles/.
            Launcher.Result viaMain = Launcher.run(project, env, withFiles(args));  // launch.main: FastPath
            Launcher.Result viaPicocli = Launcher.inProcess(withStateDir(state, withFiles(args)));
            String what = String.join(" ", args);
            assertEquals(viaPicocli.exit(), viaMain.exit(), what + "\nlaunch.main said:\n" + viaMain.err() + "\npicocli said:\n" + viaPicocli.err());
            // Digits masked: on a shared machine the free block may change between the two runs.
            // Lines sorted: the JSON "block" object is a Map.of, whose order differs between JVMs.
            // A stack's own output goes to System.out, which Launcher.inProcess does not capture.
            if (viaMain.exit() != 0 || !List.of(args).contains("tasks")) {
                assertEquals(masked(viaPicocli.out()), masked(viaMain.out()), what);
            }
            assertEquals(masked(viaPicocli.err()), masked(viaMain.err()), what);
        }
    }

    private static String masked(String s) {
        return s.replaceAll("[0-9]+", "N").lines().map(l -> l.replaceAll(",$", "")).sorted().collect(Collectors.joining("\n"));
    }

    private static String[] withFiles(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", project.resolve("ports.yaml").toString(), "--profiles", project.resolve("profiles").toString()));
        return all.toArray(String[]::new);
    }

    private static String[] withStateDir(Path state, String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--state-dir", state.toString()));
        return all.toArray(String[]::new);
    }

    private long cachedCommands() throws IOException {
        try (Stream<Path> files = Files.list(fastCache)) {
            return files.filter(f -> f.toString().endsWith(".cmd")).count();
        }
    }

    private Run jbang(String... args) throws Exception {
        return jbang(Map.of(), args);
    }

    private Run jbang(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(project.resolve("jbang").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile());
        pb.environment().remove("LAUNCH_HOME");
        pb.environment().put("PATH", Stream.of(pb.environment().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty() && !Files.isExecutable(Path.of(d, "jbang")))
                .collect(Collectors.joining(File.pathSeparator)));
        pb.environment().put("LAUNCH_JBANG_CACHE", jbangCache.toString());
        pb.environment().put("LAUNCH_FAST_CACHE", fastCache.toString());
        pb.environment().put("JBANG_CACHE_DIR", fastCache.resolve("jbang-cache").toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("fastpath-out", ".txt");
        Path err = Files.createTempFile("fastpath-err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(4, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("./jbang did not finish in 4 minutes");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
