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
import java.util.Random;
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
 */
class HostileFilesFuzzTest {
    private static final String GOOD_PORTS = "ranges:\n  A: { base: 22400, count: 4 }\n  B: { base: 22410, count: 4 }\n";
    private static final String GOOD_PROFILE = "ports:\n  names: [a]\n  ranges: [R]\n";
    private static final String PROFILE_HEAD = "ports:\n  names: [a, b]\n  ranges: [A, B]\n";

    @TempDir
    Path dir;

    private final List<String> failures = new ArrayList<>();
    private int runs;
    private int accepted;
    private int refused;
    private long slowestMs;
    private String slowest = "";

    static Map<String, String> portsCases() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("empty", "");
        c.put("comment-only", "# nothing\n");
        c.put("whitespace", "   \n\n  \n");
        c.put("ranges-null", "ranges:\n");
        c.put("ranges-list", "ranges: [1, 2]\n");
        c.put("ranges-scalar", "ranges: 5\n");
        c.put("top-list", "- ranges\n");
        c.put("top-scalar", "22400\n");
        for (String base : List.of("\"22400\"", "22400.5", "22_400", "022400", "0x57C0", "-1", "0", "70000",
                "12345678901234567890123456", "true", "null", "[22400]", "{ a: 1 }", "~", "1e4", ".inf")) {
            c.put("base " + base, "ranges:\n  R: { base: " + base + ", count: 1 }\n");
        }
        for (String count : List.of("0", "-1", "1e6", "1000000", "99999999999", "\"2\"")) {
            c.put("count " + count, "ranges:\n  R: { base: 22400, count: " + count + " }\n");
        }
        c.put("past-65535", "ranges:\n  R: { base: 65530, count: 10 }\n");
        c.put("unknown-key", "ranges:\n  R: { baze: 22400, count: 1 }\n");
        c.put("duplicate-range", "ranges:\n  R: { base: 22400, count: 1 }\n  R: { base: 22401, count: 1 }\n");
        c.put("duplicate-key", "ranges:\n  R: { base: 22400, base: 22401, count: 1 }\n");
        c.put("unicode-name", "ranges:\n  Ränge: { base: 22400, count: 1 }\n");
        c.put("emoji-name", "ranges:\n  \uD83D\uDE80: { base: 22400, count: 1 }\n");
        c.put("long-name", "ranges:\n  " + "R".repeat(20000) + ": { base: 22400, count: 1 }\n");
        c.put("digit-name", "ranges:\n  1R: { base: 22400, count: 1 }\n");
        c.put("nesting-40", "ranges: " + "[".repeat(40) + "]".repeat(40) + "\n");
        c.put("nesting-200", "ranges: " + "[".repeat(200) + "]".repeat(200) + "\n");
        c.put("nesting-5000", "ranges: " + "{a: ".repeat(5000) + "1" + "}".repeat(5000) + "\n");
        c.put("billion-laughs", laughs("ranges"));
        c.put("merge-2x24", mergeChain(2, 24));
        c.put("merge-3x16", mergeChain(3, 16));
        c.put("merge-2x49", mergeChain(2, 24).replace("ranges:", "ranges:\n  X0: &x0 { base: 22500, count: 1 }")
                + String.join("", java.util.stream.IntStream.rangeClosed(1, 24)
                .mapToObj(i -> "  X" + i + ": &x" + i + " { <<: [*x" + (i - 1) + ", *x" + (i - 1) + "] }\n").toList()));
        c.put("self-merge", "ranges:\n  R: &r { <<: *r, base: 22400, count: 1 }\n");
        c.put("recursive-alias", "ranges: &r\n  R: *r\n");
        c.put("undefined-alias", "ranges:\n  R: *nowhere\n");
        c.put("invalid-utf8", "ranges:\n  R: { base: 22400, count: 1 } # \u00ff\n");
        c.put("nul", "ranges:\n  R: { base: 22400,\u0000 count: 1 }\n");
        c.put("tabs", "ranges:\n\tR: { base: 22400, count: 1 }\n");
        c.put("unclosed-flow", "ranges: { R: { base: 22400, count: 1 }\n");
        c.put("python-tag", "ranges: !!python/object/apply:os.system ['touch /tmp/trust-fuzz-pwned']\n");
        c.put("java-tag", "ranges: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n");
        c.put("multi-document", "ranges:\n  R: { base: 22400, count: 1 }\n---\nranges:\n  S: { base: 22401, count: 1 }\n");
        c.put("bom", "\uFEFFranges:\n  R: { base: 22400, count: 1 }\n");
        c.put("crlf", "ranges:\r\n  R: { base: 22400, count: 1 }\r\n");
        c.put("complex-key", "ranges:\n  ? [R]\n  : { base: 22400, count: 1 }\n");
        c.put("4MB", "ranges:\n  R: { base: 22400, count: 1 }\n# " + "x".repeat(4 << 20) + "\n");
        StringBuilder many = new StringBuilder("ranges:\n");
        for (int i = 0; i < 10000; i++) {
            many.append("  R").append(i).append(": { base: ").append(20000 + i).append(", count: 1 }\n");
        }
        c.put("10000-ranges", many.toString());
        c.put("template-in-base", "ranges:\n  R: { base: \"${ports.a}\", count: 1 }\n");
        return c;
    }

    static Map<String, String> profileCases() {
        Map<String, String> c = new LinkedHashMap<>();
        String run = "processes:\n  web:\n    command: [sleep, '1']\n";
        c.put("ports-scalar", "ports: 5\n" + run);
        c.put("processes-list", PROFILE_HEAD + "processes: [web]\n");
        c.put("names-scalar", "ports:\n  names: a\n  ranges: [A]\n" + run);
        c.put("names-empty", "ports:\n  names: []\n  ranges: [A]\n" + run);
        c.put("names-duplicate", "ports:\n  names: [a, a]\n  ranges: [A]\n" + run);
        c.put("names-colliding", "ports:\n  names: [aB, a_b]\n  ranges: [A]\n" + run);
        c.put("names-too-many", "ports:\n  names: [a, b, c, d, e]\n  ranges: [A]\n" + run);
        c.put("names-unicode", "ports:\n  names: [ä]\n  ranges: [A]\n" + run);
        c.put("names-long", "ports:\n  names: [" + "a".repeat(10000) + "]\n  ranges: [A]\n" + run);
        c.put("ranges-unknown", "ports:\n  names: [a]\n  ranges: [NOPE]\n" + run);
        c.put("ranges-empty", "ports:\n  names: [a]\n  ranges: []\n" + run);
        c.put("scan-yes", PROFILE_HEAD + "  scan: yes\n" + run);
        for (String grace : List.of("-1s", "99999999999d", "999999999h", "abc", "[1]", "25h", "86400")) {
            c.put("grace " + grace, PROFILE_HEAD + "grace: " + grace + "\n" + run);
        }
        for (String command : List.of("[]", "\"\"", "\"sh -c 'unterminated\"", "{ a: 1 }", "[[sleep]]", "\"sleep 1; touch /tmp/trust-fuzz-pwned\"",
                "[sh, -c, \"$(touch /tmp/trust-fuzz-pwned)\"]", "[no-such-program-xyz]", "[/tmp]", "~")) {
            c.put("command " + command, PROFILE_HEAD + "processes:\n  web:\n    command: " + command + "\n");
        }
        for (String t : List.of("${ports.nope}", "${nope}", "${ports.a", "$${ports.a}", "${env.TRUST_FUZZ_UNSET}", "${ports.a:-1}",
                "${env.1BAD}", "${${ports.a}}", "${}", "${ports.a}${ports.b}${instance.id}${profile}${range}", "\u00e4${ports.a}\uD83D\uDE80")) {
            c.put("template " + t, PROFILE_HEAD + "processes:\n  web:\n    command: [sleep, '1']\n    env: { X: \"" + t + "\" }\n");
        }
        c.put("template-in-key", PROFILE_HEAD + "processes:\n  web:\n    command: [sleep, '1']\n    env: { \"${ports.a}\": x }\n");
        c.put("template-multiline", PROFILE_HEAD + "processes:\n  web:\n    command: [sleep, '1']\n    env:\n      X: |\n        ${ports.a}\n        ${ports.\n");
        c.put("env-key-digit", PROFILE_HEAD + "processes:\n  web:\n    command: [sleep, '1']\n    env: { 1A: x }\n");
        c.put("env-value-list", PROFILE_HEAD + "processes:\n  web:\n    command: [sleep, '1']\n    env: { A: [1] }\n");
        for (String ready : List.of("{ tcp: 1, http: 'http://x/' }", "{}", "{ tcp: 70000 }", "{ tcp: abc }", "{ http: 'ftp://x/' }",
                "{ log: '([' }", "{ log: '(a+)+$' }", "{ tcp: 1, timeout: 0 }", "{ tcp: 1, timeout: 999999999h }", "{ tcp: 1, timeout: -5 }")) {
            c.put("ready " + ready, PROFILE_HEAD + "processes:\n  web:\n    command: [sleep, '1']\n    ready: " + ready + "\n");
        }
        for (String dep : List.of("[nope]", "[web]", "web", "{ web: maybe }")) {
            c.put("depends_on " + dep, PROFILE_HEAD + "processes:\n  web:\n    command: [sleep, '1']\n    depends_on: " + dep + "\n");
        }
        c.put("depends_on-cycle", PROFILE_HEAD + "processes:\n  a:\n    command: [sleep, '1']\n    depends_on: [b]\n"
                + "  b:\n    command: [sleep, '1']\n    depends_on: [a]\n");
        for (String restart : List.of("sometimes", "true", "no\n    max_restarts: -1", "always\n    max_restarts: 100000000000")) {
            c.put("restart " + restart, PROFILE_HEAD + "processes:\n  web:\n    command: [sleep, '1']\n    restart: " + restart + "\n");
        }
        c.put("cwd-missing", PROFILE_HEAD + "processes:\n  web:\n    command: [sleep, '1']\n    cwd: /nonexistent/trust\n");
        c.put("cwd-file", PROFILE_HEAD + "processes:\n  web:\n    command: [sleep, '1']\n    cwd: /etc/passwd\n");
        c.put("process-name-digit", PROFILE_HEAD + "processes:\n  1web:\n    command: [sleep, '1']\n");
        c.put("process-name-unicode", PROFILE_HEAD + "processes:\n  wéb:\n    command: [sleep, '1']\n");
        c.put("process-name-long", PROFILE_HEAD + "processes:\n  " + "w".repeat(5000) + ":\n    command: [sleep, '1']\n");
        c.put("processes-empty", PROFILE_HEAD + "processes:\n");
        c.put("processes-braces", PROFILE_HEAD + "processes: {}\n");
        String files = PROFILE_HEAD + run + "envFiles:\n";
        c.put("envfile-missing-dir", files + "  - path: no/such/dir/.env\n    values: { A: x }\n");
        c.put("envfile-directory", files + "  - path: /tmp\n    values: { A: x }\n");
        c.put("envfile-bad-key", files + "  - path: .env\n    values: { 'A B': x }\n");
        c.put("envfile-newline", files + "  - path: .env\n    values: { A: \"x\\ny\" }\n");
        c.put("envfile-quotes", files + "  - path: .env\n    values: { A: \"'\\\"`\" }\n");
        c.put("envfile-duplicate", files + "  - path: .env\n    values: { A: x }\n  - path: .env\n    values: { B: x }\n");
        c.put("envfile-absolute", files + "  - path: /tmp/trust-fuzz.env\n    values: { A: x }\n");
        c.put("envfile-no-values", files + "  - path: .env\n");
        c.put("billion-laughs", laughs("description"));
        c.put("merge-chain", PROFILE_HEAD + run + "x:\n" + mergeChain(2, 24).replace("ranges:\n", ""));
        c.put("nesting-100", PROFILE_HEAD + "processes: " + "[".repeat(100) + "]".repeat(100) + "\n");
        c.put("huge-number", PROFILE_HEAD + "processes:\n  web:\n    command: [sleep, '1']\n    max_restarts: " + "9".repeat(400) + "\n");
        return c;
    }

    private static String laughs(String key) {
        StringBuilder sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            sb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                sb.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            sb.append("]\n");
            prev = c;
        }
        return sb.append(key).append(": *i\n").toString();
    }

    private static String mergeChain(int width, int depth) {
        StringBuilder sb = new StringBuilder("ranges:\n  R0: &m0 { base: 22400, count: 1 }\n");
        for (int i = 1; i <= depth; i++) {
            sb.append("  R").append(i).append(": &m").append(i).append(" { <<: [");
            for (int w = 0; w < width; w++) {
                sb.append(w == 0 ? "" : ", ").append("*m").append(i - 1);
            }
            sb.append("] }\n");
        }
        return sb.toString();
    }

    private static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

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
            portsCases().forEach((name, text) -> portsFiles.put(name, text.getBytes(StandardCharsets.UTF_8)));
            portsFiles.put("invalid-utf8-bytes", new byte[] {'r', 'a', 'n', 'g', 'e', 's', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
            portsFiles.put("random-bytes-1", randomBytes(1, 300));
            portsFiles.put("random-bytes-2", randomBytes(2, 5000));
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
            profileCases().forEach((name, text) -> profileFiles.put(name, text.getBytes(StandardCharsets.UTF_8)));
            profileFiles.put("binary", randomBytes(3, 2000));
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
        Files.writeString(profiles.resolve("t.yaml"), PROFILE_HEAD + "processes:\n  web:\n    command: [sleep, '1']\n");
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
