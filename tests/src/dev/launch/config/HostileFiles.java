package dev.launch.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The hostile ports.yaml and profile texts that {@link HostileFilesFuzzTest} feeds to `validate`
 * and `ports`: wrong types, sizes, aliases, merge keys, unicode, huge numbers, templates.
 */
final class HostileFiles {
    static final String PROFILE_HEAD = "ports:\n  names: [a, b]\n  ranges: [A, B]\n";

    private HostileFiles() {}

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

    static String laughs(String key) {
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

    static String mergeChain(int width, int depth) {
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

    static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
