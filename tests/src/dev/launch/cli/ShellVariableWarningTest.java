package dev.launch.cli;

import dev.launch.testing.Launcher;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `validate` and a run both warn about $P0_PORT in a command that runs without a shell. */
class ShellVariableWarningTest {
    private static final String WARNING = "warning: processes.web.command: \"$P0_PORT\" reaches the program as it is, not as a value: "
            + "a command runs without a shell; write ${ports.p0}, or run it through a shell: [sh, -c, \"python3 -m http.server $P0_PORT --bind 127.0.0.1\"]";

    private static TestProject project(Path dir) throws Exception {
        TestProject project = new TestProject(dir);
        project.withChain(1, 1, false);
        project.writeProfile("app", Files.readString(project.profiles.resolve("app.yaml")) + """
                processes:
                  web:
                    command: "python3 -m http.server $P0_PORT --bind 127.0.0.1"
                """);
        return project;
    }

    @Test
    void validateWarnsWithFileLineAndColumn(@TempDir Path dir) throws Exception {
        TestProject project = project(dir);
        Launcher.Result r = project.inProcess("validate");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains(project.profiles.resolve("app.yaml") + ":8:38: " + WARNING), r.err());
        assertTrue(r.out().contains("0 errors, 1 warning"), r.out());
    }

    @Test
    void aRunWarnsBeforeTheProcessFailsOnTheLiteralDollar(@TempDir Path dir) throws Exception {
        TestProject project = project(dir);
        Launcher.Result r = project.subprocess("app", "--no-color", "--grace", "1s");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains(WARNING), r.err());
        assertTrue(r.out().contains("$P0_PORT"), r.out());
    }
}
