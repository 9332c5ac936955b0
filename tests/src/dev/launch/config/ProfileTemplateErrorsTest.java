package dev.launch.config;

import dev.launch.testing.ConfigFiles;

import static dev.launch.testing.ConfigFiles.problemsOf;
import static dev.launch.testing.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every template of a profile is checked at load time and reported at the "${" in the file. */
class ProfileTemplateErrorsTest {
    @TempDir
    Path dir;

    private List<String> errors(String yaml) {
        write(dir, "profiles/p.yaml", yaml);
        PortsConfig config = ConfigFiles.ports(dir);
        return problemsOf(() -> ProfileLoader.load(dir.resolve("profiles"), "p", config, Map.of("HOME", "/home/u")::get));
    }

    private String at(String rest) {
        return dir.resolve("profiles/p.yaml") + ":" + rest;
    }

    @Test
    void unknownPortNameInCommandGetsDidYouMeanAndColumn() {
        assertEquals(List.of(at("4:30: processes.web.command[1]: unknown port \"alcie\" in ${ports.alcie}; did you mean \"alice\"? (ports.names: alice, bob)")),
                errors("""
                        ports: { names: [alice, bob], ranges: [DEVELOPMENT] }
                        processes:
                          web:
                            command: [serve, "--port=${ports.alcie}"]
                        """));
    }

    @Test
    void secondTemplateInAValueIsLocatedExactly() {
        assertEquals(List.of(at("4:40: processes.web.command: unknown template name \"prfile\" in ${prfile}; did you mean \"profile\"?")),
                errors("""
                        ports: { names: [alice, bob], ranges: [DEVELOPMENT] }
                        processes:
                          web:
                            command: serve --port ${ports.bob} ${prfile}
                        """));
    }

    @Test
    void unsetEnvVariableWithoutDefaultIsAnError() {
        assertEquals(List.of(at("3:35: processes.web.env.KEY: environment variable API_KEY is not set; set it, or give a default: ${env.API_KEY:-VALUE}")),
                errors("""
                        ports: { names: [alice], ranges: [DEVELOPMENT] }
                        processes:
                          web: { command: x, env: { KEY: "${env.API_KEY}", H: "${env.HOME}", D: "${env.NOPE:-d}" } }
                        """));
    }

    @Test
    void unterminatedTemplateIsAnErrorAtItsStart() {
        assertEquals(List.of(at("5:10: processes.web.cwd: unterminated \"${\"; close it with \"}\" or write \"$${\" for a literal \"${\"")),
                errors("""
                        ports: { names: [alice], ranges: [DEVELOPMENT] }
                        processes:
                          web:
                            command: x
                            cwd: ${profile/dir
                        """));
    }

    @Test
    void templatesInReadyAndEnvFilesAreChecked() {
        assertEquals(List.of(
                        at("3:55: processes.web.ready.http: unknown port \"bob\" in ${ports.bob} (ports.names: alice)"),
                        at("5:11: envFiles[0].path: unknown template name \"profil\" in ${profil}; did you mean \"profile\"?"),
                        at("6:30: envFiles[0].values.URL: unknown port \"alice2\" in ${ports.alice2}; did you mean \"alice\"? (ports.names: alice)")),
                errors("""
                        ports: { names: [alice], ranges: [DEVELOPMENT] }
                        processes:
                          web: { command: x, ready: { http: "http://127.0.0.1:${ports.bob}/" } }
                        envFiles:
                          - path: ${profil}.env
                            values: { URL: "http://h:${ports.alice2}" }
                        """));
    }

    @Test
    void blockScalarTemplatesAreLocatedOnTheirLine() {
        assertEquals(List.of(at("6:16: processes.web.command: unknown port \"nope\" in ${ports.nope} (ports.names: alice)")),
                errors("""
                        ports: { names: [alice], ranges: [DEVELOPMENT] }
                        processes:
                          web:
                            command: >
                              serve
                                --port ${ports.nope}
                        """));
    }

    @Test
    void literalDollarBraceIsNotATemplate() {
        write(dir, "profiles/p.yaml", """
                ports: { names: [alice], ranges: [DEVELOPMENT] }
                processes:
                  web: { command: [sh, -c, "echo $${HOME} ${ports.alice}"] }
                """);
        Profile p = ProfileLoader.load(dir.resolve("profiles"), "p", ConfigFiles.ports(dir), var -> null);
        assertEquals(List.of("sh", "-c", "echo $${HOME} ${ports.alice}"), p.processes().get("web").command());
    }
}
