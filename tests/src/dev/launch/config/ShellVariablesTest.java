package dev.launch.config;

import dev.launch.testing.ConfigFiles;
import dev.launch.yaml.Problem;

import static dev.launch.testing.ConfigFiles.problemsOf;
import static dev.launch.testing.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Procfile habit: $WEB_PORT in a command that runs without a shell is a warning with file:line:col and the fix. */
class ShellVariablesTest {
    @TempDir
    Path dir;

    private List<String> problems(String yaml) {
        Path file = write(dir, "profiles/p.yaml", yaml);
        PortsConfig config = ConfigFiles.ports(dir);
        return ProfileLoader.check(file, "p", config, Set.copyOf(config.ranges().keySet()), name -> null)
                .problems().stream().map(Problem::toString).toList();
    }

    private String at(String rest) {
        return dir.resolve("profiles/p.yaml") + ":" + rest;
    }

    @Test
    void aShellVariableInAStringCommandIsAWarningThatNamesThePortTemplate() {
        assertEquals(List.of(at("4:38: warning: processes.web.command: \"$WEB_PORT\" reaches the program as it is, not as a value: "
                + "a command runs without a shell; write ${ports.web}, or run it through a shell: [sh, -c, \"python3 -m http.server $WEB_PORT\"]")),
                problems("""
                        ports: { names: [web], ranges: [DEVELOPMENT] }
                        processes:
                          web:
                            command: "python3 -m http.server $WEB_PORT"
                        """));
    }

    @Test
    void inAListTheWordIsNamedAndAnUnknownVariableGetsTheEnvTemplate() {
        assertEquals(List.of(at("4:31: warning: processes.web.command[2]: \"$TOKEN\" reaches the program as it is, not as a value: "
                + "a command runs without a shell; write ${env.TOKEN}, or run it through a shell: [sh, -c, \"serve --token $TOKEN\"]")),
                problems("""
                        ports: { names: [web], ranges: [DEVELOPMENT] }
                        processes:
                          web:
                            command: [serve, --token, $TOKEN]
                        """));
    }

    @Test
    void aShellCommandLiteralDollarsAndTemplatesAreLeftAlone() {
        assertEquals(List.of(), problems("""
                ports: { names: [web], ranges: [DEVELOPMENT] }
                processes:
                  a: { command: [sh, -c, "exec serve $WEB_PORT"] }
                  b: { command: "/bin/bash -c 'serve $WEB_PORT'" }
                  c: { command: "serve ${ports.web} price=$$5 $$HOME" }
                  d: { command: [env, FOO=1, sh, -c, "serve $FOO"] }
                """));
    }

    @Test
    void bracesMakeItAnUnknownTemplateErrorThatSuggestsThePortTemplate() {
        write(dir, "profiles/p.yaml", """
                ports: { names: [web], ranges: [DEVELOPMENT] }
                processes:
                  web: { command: "serve ${WEB_PORT}" }
                """);
        PortsConfig config = ConfigFiles.ports(dir);
        assertEquals(List.of(at("3:26: processes.web.command: unknown template name \"WEB_PORT\" in ${WEB_PORT}; did you mean "
                + "${ports.web}? (a command runs without a shell, so shell variables are not expanded)")),
                problemsOf(() -> ProfileLoader.load(dir.resolve("profiles"), "p", config, name -> null)));
    }
}
