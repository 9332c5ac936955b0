package dev.launch.config;

import dev.launch.testing.ConfigFiles;

import static dev.launch.testing.ConfigFiles.problemsOf;
import static dev.launch.testing.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.launch.config.Profile.ProcessSpec;
import dev.launch.config.Profile.ReadySpec;
import dev.launch.config.Profile.RestartPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoaderTest {
    @TempDir
    Path dir;

    private Profile load(String yaml) {
        write(dir, "profiles/p.yaml", yaml);
        return ProfileLoader.load(dir.resolve("profiles"), "p", ConfigFiles.ports(dir), var -> null);
    }

    private List<String> errors(String yaml) {
        write(dir, "profiles/p.yaml", yaml);
        PortsConfig config = ConfigFiles.ports(dir);
        return problemsOf(() -> ProfileLoader.load(dir.resolve("profiles"), "p", config, var -> null));
    }

    private String at(String rest) {
        return dir.resolve("profiles/p.yaml") + ":" + rest;
    }

    @Test
    void readsTheWholeSchema() {
        Profile p = load("""
                description: Two services
                ports:
                  names: [api, web]
                  ranges: [DEVELOPMENT, SECONDARY_DEV]
                  scan: true
                grace: 500ms
                processes:
                  api:
                    command: [java, Api.java, "--port=${ports.api}"]
                    cwd: services
                    env: { PORT: "${ports.api}", MODE: no, LEVEL: 010, VERSION: 1.10 }
                    ready: { tcp: "${ports.api}", timeout: 2m }
                    restart: on-failure
                    max_restarts: 2
                  web:
                    command: npm run dev -- --port ${ports.web}
                    depends_on: [api]
                    ready: { log: "ready in \\\\d+ ms" }
                envFiles:
                  - path: app/.env.development
                    values: { API_URL: "http://localhost:${ports.api}" }
                """);
        assertEquals("p", p.name());
        assertEquals("Two services", p.description());
        assertEquals(new Profile.PortsSpec(List.of("api", "web"), List.of("DEVELOPMENT", "SECONDARY_DEV"), true), p.ports());
        assertEquals(Duration.ofMillis(500), p.grace());
        ProcessSpec api = p.processes().get("api");
        assertEquals(List.of("java", "Api.java", "--port=${ports.api}"), api.command());
        assertEquals("services", api.cwd());
        assertEquals(Map.of("PORT", "${ports.api}", "MODE", "no", "LEVEL", "010", "VERSION", "1.10"), api.env());
        assertEquals(new ReadySpec.Tcp("${ports.api}", Duration.ofMinutes(2)), api.ready());
        assertEquals(RestartPolicy.ON_FAILURE, api.restart());
        assertEquals(2, api.maxRestarts());
        ProcessSpec web = p.processes().get("web");
        assertEquals(List.of("npm", "run", "dev", "--", "--port", "${ports.web}"), web.command());
        assertEquals(List.of("api"), web.dependsOn());
        assertEquals(new ReadySpec.Log("ready in \\d+ ms", Duration.ofSeconds(60)), web.ready());
        assertEquals(RestartPolicy.NO, web.restart());
        assertEquals(5, web.maxRestarts());
        assertNull(web.cwd());
        assertEquals(List.of(new Profile.EnvFileSpec("app/.env.development", Map.of("API_URL", "http://localhost:${ports.api}"))),
                p.envFiles());
    }

    @Test
    void defaultsApplyWhenOptionalKeysAreAbsent() {
        Profile p = load("""
                ports: { names: [api], ranges: [SMALL] }
                processes:
                  api: { command: [./run], ready: { http: "http://127.0.0.1:${ports.api}/health" } }
                """);
        assertEquals(false, p.ports().scan());
        assertNull(p.grace());
        assertNull(p.description());
        assertEquals(List.of(), p.envFiles());
        assertEquals(new ReadySpec.Http("http://127.0.0.1:${ports.api}/health", Duration.ofSeconds(60)),
                p.processes().get("api").ready());
    }

    @Test
    void restartNoIsThePolicyNoNotFalse() {
        Profile p = load("""
                ports: { names: [a], ranges: [SMALL] }
                processes:
                  a: { command: [x], restart: no }
                  b: { command: [x], restart: always }
                """);
        assertEquals(RestartPolicy.NO, p.processes().get("a").restart());
        assertEquals(RestartPolicy.ALWAYS, p.processes().get("b").restart());
        assertEquals(List.of(at("3:31: processes.a.restart: expected no, on-failure or always (got \"false\")")),
                errors("""
                        ports: { names: [a], ranges: [SMALL] }
                        processes:
                          a: { command: [x], restart: false }
                        """));
    }

    @Test
    void graceIsADurationOrWholeSeconds() {
        assertEquals(Duration.ofSeconds(7), load("ports: { names: [a], ranges: [SMALL] }\ngrace: 7\n").grace());
        assertEquals(Duration.ofHours(1), load("ports: { names: [a], ranges: [SMALL] }\ngrace: 1h\n").grace());
        assertEquals(List.of(at("2:8: grace: expected a duration like 500ms, 5s, 2m or 1h (got \"5 sec\")")),
                errors("ports: { names: [a], ranges: [SMALL] }\ngrace: 5 sec\n"));
    }

    @Test
    void unknownRangeGetsDidYouMean() {
        assertEquals(List.of(at("3:12: ports.ranges[0]: unknown range \"DEVELOPMNT\"; did you mean \"DEVELOPMENT\"? "
                        + "(" + dir.resolve("ports.yaml") + " defines: DEVELOPMENT, SECONDARY_DEV, SMALL)")),
                errors("""
                        ports:
                          names: [a]
                          ranges: [DEVELOPMNT]
                        """));
    }

    @Test
    void rangeSmallerThanTheNameListIsAnError() {
        assertEquals(List.of(at("3:25: ports.ranges[1]: range SMALL has 2 ports (3001-3002) but ports.names lists 3")),
                errors("""
                        ports:
                          names: [a, b, c]
                          ranges: [DEVELOPMENT, SMALL]
                        """));
    }

    @Test
    void portNamesMustBeUniqueIdentifiersInANonEmptyList() {
        assertEquals(List.of(at("2:17: ports.names[2]: \"a\" is listed twice")),
                errors("ports:\n  names: [a, b, a]\n  ranges: [DEVELOPMENT]\n"));
        assertEquals(List.of(at("2:14: ports.names[1]: \"web-ui\" is not a port name (a letter, then letters, digits and _)")),
                errors("ports:\n  names: [a, web-ui]\n  ranges: [DEVELOPMENT]\n"));
        assertEquals(List.of(at("2:10: ports.names: is empty; expected a list of port names, e.g. [api, web]")),
                errors("ports:\n  names: []\n  ranges: [DEVELOPMENT]\n"));
        assertEquals(List.of(at("2:10: ports.names: expected a list of port names, e.g. [api, web], got \"api\"")),
                errors("ports:\n  names: api\n  ranges: [DEVELOPMENT]\n"));
        assertEquals(List.of(at("2:21: ports.names[1]: \"apiPort\" and \"api_port\" would both be API_PORT_PORT; rename one")),
                errors("ports:\n  names: [api_port, apiPort]\n  ranges: [DEVELOPMENT]\n"));
    }

    @Test
    void missingPortsSectionIsAnError() {
        assertEquals(List.of(at("1:1: missing key \"ports\" (names: [...] and ranges: [...])")),
                errors("description: nothing else\n"));
    }

    @Test
    void nearMissKeysGetDidYouMean() {
        assertEquals(List.of(
                        at("1:1: unknown key \"env_files\"; did you mean \"envFiles\"?"),
                        at("4:5: processes.a: unknown key \"depends-on\"; did you mean \"depends_on\"?"),
                        at("5:5: processes.a: unknown key \"dependsOn\"; did you mean \"depends_on\"?"),
                        at("6:5: processes.a: unknown key \"enviroment\"; did you mean \"env\"?"),
                        at("7:5: processes.a: unknown key \"cmd\"; did you mean \"command\"?"),
                        at("9:10: ports: unknown key \"scna\"; did you mean \"scan\"?")),
                errors("""
                        env_files: []
                        processes:
                          a:
                            depends-on: [b]
                            dependsOn: [b]
                            enviroment: {}
                            cmd: x
                            command: x
                        ports: { scna: true, names: [a], ranges: [SMALL] }
                        """));
    }

    @Test
    void processAndEnvNamesMustBeIdentifiers() {
        assertEquals(List.of(at("3:3: processes.2fast: a process name must start with a letter and hold only letters, digits, _ and -"),
                        at("4:28: processes.ok.env: \"BAD-NAME\" is not an environment variable name (letters, digits and _, not starting with a digit)")),
                errors("""
                        ports: { names: [a], ranges: [SMALL] }
                        processes:
                          2fast: { command: x }
                          ok: { command: x, env: { BAD-NAME: 1 } }
                        """));
    }

    @Test
    void readyNeedsExactlyOneCheckAndAValidRegex() {
        assertEquals(List.of(
                        at("3:27: processes.a.ready: needs one of tcp: PORT, http: URL or log: REGEX"),
                        at("4:37: processes.b.ready: has both tcp and http; keep one"),
                        at("5:34: processes.c.ready.log: not a valid regular expression: Unclosed character class near index 1"),
                        at("6:35: processes.d.ready.http: expected a URL starting with http:// or https:// (got \"localhost:80\")"),
                        at("7:34: processes.e.ready.tcp: must be a port between 1 and 65535 (got 70000)"),
                        at("8:47: processes.f.ready.timeout: must be more than zero")),
                errors("""
                        ports: { names: [a], ranges: [SMALL] }
                        processes:
                          a: { command: x, ready: { timeout: 5s } }
                          b: { command: x, ready: { tcp: 1, http: "http://x" } }
                          c: { command: x, ready: { log: "([" } }
                          d: { command: x, ready: { http: "localhost:80" } }
                          e: { command: x, ready: { tcp: 70000 } }
                          f: { command: x, ready: { tcp: 80, timeout: 0 } }
                        """));
    }

    @Test
    void commandMustBeANonEmptyListOrString() {
        assertEquals(List.of(at("3:3: processes.a: missing key \"command\" (a list like [java, Server.java] or a string)"),
                        at("4:17: processes.b.command: is empty; write the program and its arguments, e.g. [java, Server.java]"),
                        at("5:17: processes.c.command: unterminated single quote at column 6 of the command"),
                        at("6:21: processes.d.command[1]: expected text, got a mapping")),
                errors("""
                        ports: { names: [a], ranges: [SMALL] }
                        processes:
                          a: { cwd: . }
                          b: { command: [] }
                          c: { command: "echo 'hi" }
                          d: { command: [x, { y: 1 }] }
                        """));
    }

    @Test
    void envFilesNeedPathAndValues() {
        assertEquals(List.of(at("3:5: envFiles[0]: missing key \"path\" (the env file to write, e.g. app/.env.development)"),
                        at("4:5: envFiles[1]: missing key \"values\" (the NAME: value lines to manage)"),
                        at("5:13: envFiles[2].path: \"a.env\" is listed twice")),
                errors("""
                        ports: { names: [a], ranges: [SMALL] }
                        envFiles:
                          - values: { A: "1" }
                          - path: a.env
                          - { path: a.env, values: {} }
                        """));
    }
}
