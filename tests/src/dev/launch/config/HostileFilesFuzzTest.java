package dev.launch.config;

import dev.launch.testing.Launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile ports.yaml and profile files (wrong types, sizes, aliases, merge keys, special files,
 * unicode, huge numbers, templates) through `validate` and `ports`: each run ends within seconds
 * with exit 0, or exit 2 and one paragraph on stderr, never a stack trace. Regular files run
 * through the real command line in this JVM; special files in a launcher process of their own.
 * The regular files are made by {@link HostileFiles}.
 */
class HostileFilesFuzzTest {
    private static final String GOOD_PORTS = "ranges:\n  A: { base: 22400, count: 4 }\n  B: { base: 22410, count: 4 }\n";
    private static final String GOOD_PROFILE = "ports:\n  names: [a]\n  ranges: [R]\n";

    @TempDir
    Path dir;

    private final List<String> failures = new ArrayList<>();
    private int runs;
    private int accepted;
    private int refused;
    private long slowestMs;
    private String slowest = "";

    @Test
    void everyHostileFileEndsQuicklyWithExitZeroOrOneClearParagraph(TestReporter reporter) throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Path state = dir.resolve("state");
        Path goodPorts = Files.writeString(dir.resolve("good-ports.yaml"), GOOD_PORTS);
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        int cases = 0;
        try {
            Files.writeString(profiles.resolve("t.yaml"), GOOD_PROFILE);
            Map<String, byte[]> portsFiles = new LinkedHashMap<>();
            HostileFiles.portsCases().forEach((name, text) -> portsFiles.put(name, text.getBytes(StandardCharsets.UTF_8)));
            portsFiles.put("invalid-utf8-bytes", new byte[] {'r', 'a', 'n', 'g', 'e', 's', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
            portsFiles.put("random-bytes-1", HostileFiles.randomBytes(1, 300));
            portsFiles.put("random-bytes-2", HostileFiles.randomBytes(2, 5000));
            int i = 0;
            for (var c : portsFiles.entrySet()) {
                Path config = Files.write(dir.resolve("ports-" + i++ + ".yaml"), c.getValue());
                cases++;
                for (String[] command : new String[][] {{"validate"}, {"ports", "t", "--lease", "0"}}) {
                    inProcess(pool, "ports.yaml " + c.getKey(), command, config, profiles, state);
                }
            }
            Files.delete(profiles.resolve("t.yaml"));
            Map<String, byte[]> profileFiles = new LinkedHashMap<>();
            HostileFiles.profileCases().forEach((name, text) -> profileFiles.put(name, text.getBytes(StandardCharsets.UTF_8)));
            profileFiles.put("binary", HostileFiles.randomBytes(3, 2000));
            for (var c : profileFiles.entrySet()) {
                Files.write(profiles.resolve("t.yaml"), c.getValue());
                cases++;
                for (String[] command : new String[][] {{"validate"}, {"ports", "t", "--lease", "0"}}) {
                    inProcess(pool, "profile " + c.getKey(), command, goodPorts, profiles, state);
                }
            }
            Files.delete(profiles.resolve("t.yaml"));
        } finally {
            pool.shutdownNow();
        }

        // Special files: a launcher of their own each, since a blocked read would block this JVM.
        Path fifo = dir.resolve("fifo.yaml");
        assertTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        Path sparse = dir.resolve("sparse.yaml");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        Path directory = Files.createDirectories(dir.resolve("dir.yaml"));
        Map<String, Path> special = new LinkedHashMap<>();
        special.put("fifo", fifo);
        special.put("/dev/zero", Path.of("/dev/zero"));
        special.put("3 GB sparse file", sparse);
        special.put("directory", directory);
        special.put("missing", dir.resolve("missing.yaml"));
        Files.writeString(profiles.resolve("t.yaml"), HostileFiles.PROFILE_HEAD + "processes:\n  web:\n    command: [sleep, '1']\n");
        for (var s : special.entrySet()) {
            cases++;
            for (String[] command : new String[][] {{"validate"}, {"ports", "t", "--lease", "0"}}) {
                subprocess("ports.yaml " + s.getKey(), command, s.getValue(), profiles, state);
            }
        }
        Files.delete(profiles.resolve("t.yaml"));
        for (var s : special.entrySet()) {
            if (s.getKey().equals("missing")) {
                continue;
            }
            Path link = profiles.resolve("t.yaml");
            Files.createSymbolicLink(link, s.getValue());
            cases++;
            for (String[] command : new String[][] {{"validate"}, {"ports", "t", "--lease", "0"}}) {
                subprocess("profile " + s.getKey(), command, goodPorts, profiles, state);
            }
            Files.delete(link);
        }

        String summary = cases + " hostile files, " + runs + " runs: " + accepted + " exit 0, " + refused
                + " exit 2 with one paragraph, " + failures.size() + " bad; slowest " + slowestMs + " ms (" + slowest + ")";
        reporter.publishEntry("fuzz", summary);
        System.err.println("HostileFilesFuzzTest: " + summary);
        assertTrue(cases >= 100, summary);
        assertTrue(failures.isEmpty(), summary + "\n" + String.join("\n", failures));
        assertTrue(!Files.exists(Path.of("/tmp/trust-fuzz-pwned")), "a command or tag ran");
    }

    private void inProcess(ExecutorService pool, String name, String[] command, Path config, Path profiles, Path state) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--config", config.toString(), "--profiles", profiles.toString(), "--state-dir", state.toString()));
        long t0 = System.nanoTime();
        Future<Launcher.Result> f = pool.submit(() -> Launcher.inProcess(args.toArray(String[]::new)));
        Launcher.Result r;
        try {
            r = f.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            failures.add(name + " / " + command[0] + ": no answer in 10 s");
            throw new AssertionError(String.join("\n", failures));
        }
        judge(name + " / " + command[0], r, (System.nanoTime() - t0) / 1_000_000);
    }

    private void subprocess(String name, String[] command, Path config, Path profiles, Path state) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--config", config.toString(), "--profiles", profiles.toString(), "--state-dir", state.toString()));
        long t0 = System.nanoTime();
        Launcher.Result r;
        try {
            r = Launcher.within(Duration.ofSeconds(20), dir, Map.of(), args.toArray(String[]::new));
        } catch (AssertionError e) {
            failures.add(name + " / " + command[0] + ": " + e.getMessage());
            return;
        }
        judge(name + " / " + command[0] + " (own process)", r, (System.nanoTime() - t0) / 1_000_000);
    }

    private void judge(String name, Launcher.Result r, long ms) {
        runs++;
        if (ms > slowestMs) {
            slowestMs = ms;
            slowest = name;
        }
        String err = r.err();
        boolean trace = err.contains("\tat ") || err.contains("Exception") || err.contains("Error:") || err.contains("internal error");
        if (trace) {
            failures.add(name + ": exit " + r.exit() + ", a Java trace or class name: " + err.lines().limit(3).toList());
        } else if (r.exit() == 0) {
            accepted++;
        } else if (r.exit() == 2 && !err.isBlank() && !err.strip().contains("\n\n")) {
            refused++;
        } else {
            failures.add(name + ": exit " + r.exit() + ", stderr " + err.lines().limit(3).toList());
        }
        if (ms > 10_000) {
            failures.add(name + ": took " + ms + " ms");
        }
    }
}
